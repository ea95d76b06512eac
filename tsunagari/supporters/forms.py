from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tsunagari.supporters.course import Lesson
from tsunagari.supporters.models import Lecture, Supporter


class LessonQuizForm(forms.Form):
    def __init__(self, *args: Any, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        for index, question in enumerate(lesson.questions):
            self.fields[f"q{index}"] = forms.TypedChoiceField(
                label=question.text,
                choices=list(enumerate(question.choices)),
                coerce=int,
                widget=forms.RadioSelect,
            )

    def checked(self) -> list[tuple[Any, bool, Any, Any]]:
        """Each question: (text, right?, the right answer, why)."""
        return [
            (q.text, self.cleaned_data[f"q{i}"] == q.answer, q.choices[q.answer], q.why)
            for i, q in enumerate(self.lesson.questions)
        ]


class RegisterForm(forms.ModelForm):
    finished = forms.BooleanField(label=_("講座を最後まで読みました"))

    class Meta:
        model = Supporter
        fields = ["name", "ward"]
        help_texts = {"name": _("修了証に印刷されます。ニックネームでもかまいません。")}


class LectureForm(forms.ModelForm):
    class Meta:
        model = Lecture
        fields = [
            "title",
            "format",
            "held_on",
            "starts_at",
            "ends_at",
            "ward",
            "place",
            "how_to_join",
        ]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
        }
