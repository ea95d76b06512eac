"""Kinds of rule the navigator's reading must follow, sentence by sentence.

Each test names a kind of rule (whose, when, a topic, negation, hyperbole, dialect,
urgent situations, long texts) with our own phrasings; none is a phrase the
evaluation sets hold.
"""

import pytest

from tsunagari.navigator.text import ANALYSED_CHARS, understand

ORDINARY = (
    "今日は朝から雨で、駅まで歩くのも大変でした。職場では新しい機械の使い方を覚えるのに時間がかかり、"
    "お昼を食べる時間もあまりありませんでした。帰りにスーパーで野菜を買って、夕ご飯は鍋にしました。"
)


def ordinary_text(chars: int) -> str:
    text = ""
    while len(text) < chars:
        text += ORDINARY
    return text[:chars]


# ------------------------------------------------------------------ whose


@pytest.mark.parametrize(
    "q",
    ["母が「もう死にたい」と毎晩言っています", "友だちが手首を切っているみたいで心配です"],
)
def test_someone_else_at_risk_now_is_a_crisis_spoken_to_the_person_who_worries(q: str) -> None:
    reading = understand(q)
    assert reading.crisis
    assert reading.crisis_about == "other"


def test_people_in_general_are_not_the_writer() -> None:
    assert not understand("つらい時期に自殺してしまう人もいると聞きました。").crisis


def test_the_writer_is_the_default_subject() -> None:
    reading = understand("仕事も家族もうまくいかない。もう消えてしまいたい。")
    assert reading.crisis
    assert reading.crisis_about == "self"


# ------------------------------------------------------------------ when


def test_a_wish_long_ago_and_over_is_not_a_crisis_now() -> None:
    reading = understand("学生時代は死にたいと思っていた時期もありました。今は家族がいて元気です。")
    assert not reading.crisis
    assert any(sign.verdict == "past" for sign in reading.signs)


def test_a_wish_that_goes_on_since_long_ago_is_a_crisis() -> None:
    assert understand("昔からずっと死にたいと思っている").crisis


# ------------------------------------------------------------------ topic


@pytest.mark.parametrize(
    "q", ["自殺の統計について授業でレポートを書いています", "ニュースで有名人が自殺したと知った"]
)
def test_a_topic_or_news_is_not_a_crisis(q: str) -> None:
    assert not understand(q).crisis


# ------------------------------------------------------------------ negation, hyperbole, dialect


def test_negation_hyperbole_and_dialect() -> None:
    assert not understand("死にたいわけじゃないけど、疲れた").crisis
    assert not understand("恥ずかしくて死ぬかと思ったくらい緊張した").crisis
    assert understand("もう生きとってもしゃあない").crisis  # Kansai
    assert understand("しにたい").crisis  # kana only


# ------------------------------------------------------------------ urgent situations


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("今夜寝る場所がありません。所持金は300円です", "no_shelter_tonight"),
        ("夫が今、物を投げて暴れています。こわい", "violence_now"),
        ("赤ちゃんが泣きやまなくて、揺さぶってしまいそうです", "child_harm_risk"),
        ("警察を名乗る電話で、今からATMに行ってと言われています", "scam_now"),
        ("認知症の父が朝から行方不明です。まだ見つからない", "elder_emergency"),
        ("川があふれて1階が浸水している。2階に避難したけど動けません", "disaster_now"),
        # 「かもしれない」 says "maybe, now", not "if": it must not hide the situation.
        ("ゆうべ避妊に失敗したかもしれない。どうすればいいの", "sexual_harm_now"),
        ("父が散歩から戻らない。いなくなったかもしれません。返事もない", "elder_emergency"),
    ],
)
def test_it_recognises_urgent_situations(q: str, code: str) -> None:
    assert code in understand(q).urgent


@pytest.mark.parametrize(
    "q",
    [
        "もし災害が起きたら、どこに避難すればいいですか",
        "十年前に家を追い出されたことがあります。今は落ち着いて暮らしています",
        "詐欺の手口について、来週の老人会で話す予定です",
        # An event long ago stays in the past even when its memory goes on today.
        "五年前にレイプされたことを、今でもときどき思い出します",
    ],
)
def test_it_does_not_call_the_past_plans_or_topics_urgent(q: str) -> None:
    assert understand(q).urgent == ()


@pytest.mark.parametrize(
    "q",
    [
        "息子がずっと家から出てこない。もう何年もこのままです",
        "高齢の父が通販で高い布団を買わされていたことが分かりました",
    ],
)
def test_the_learned_reader_alone_does_not_open_an_urgent_panel(q: str) -> None:
    # The urgent heads confirm what the words half-say; alone they raised false panels.
    assert understand(q).urgent == ()


# ------------------------------------------------------------------ long texts


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_crisis_sentence_anywhere_in_a_long_text_is_seen(where: str) -> None:
    filler = ordinary_text(1900)
    sign = "もう生きていたくない。"
    text = {
        "start": sign + filler,
        "middle": filler[:950] + "。" + sign + filler[950:],
        "end": filler + sign,
    }[where]
    assert understand(text).crisis


def test_a_crisis_sentence_after_what_is_read_for_needs_is_still_seen() -> None:
    text = ordinary_text(ANALYSED_CHARS + 3000) + "薬をためて全部飲もうと思っています。"
    reading = understand(text)
    assert reading.trimmed
    assert reading.crisis


def test_an_ordinary_long_text_raises_no_alarm() -> None:
    reading = understand(ordinary_text(1900))
    assert not reading.crisis
    assert reading.urgent == ()


# ------------------------------------------------------------------ one's own death to come


@pytest.mark.parametrize(
    "q",
    [
        "私が死んだら、障害のあるこの子はどうなるのか。それを思うと眠れません",
        "夫婦ともに七十を過ぎました。私らが死んだあと、部屋にこもっている息子の面倒は誰がみるのでしょう",
        "ひとり暮らしなので、急に死んだら誰が手続きをしてくれるのか不安です",
    ],
)
def test_a_worry_about_who_is_left_after_ones_death_is_not_a_crisis(q: str) -> None:
    reading = understand(q)
    assert not reading.crisis
    assert "family" in [n.code for n in reading.needs[:3]]


@pytest.mark.parametrize(
    "q",
    [
        "私が死んだら家族は楽になると思う",
        "私がいなくなったほうが、みんなに迷惑をかけずにすむ",
        "この子を残していけないから、一緒に死んだらどうかと考えてしまう",
    ],
)
def test_ones_death_as_relief_for_others_is_a_crisis(q: str) -> None:
    assert understand(q).crisis


# ------------------------------------------------------------------ what Japanese leaves out


@pytest.mark.parametrize(
    "q",
    [
        "毎日が同じで、生きる意味が分からない。もう終わりにしたい",
        "薬を飲んでも眠れない夜が続く。もう楽になりたいな",
    ],
)
def test_a_wish_that_leaves_out_what_the_sentence_before_said_is_a_crisis(q: str) -> None:
    """Japanese drops the object that the sentence before named: the wish is about that."""
    assert understand(q).crisis


@pytest.mark.parametrize(
    "q",
    ["残業ばかりの毎日です。もう終わりにしたい", "彼とはけんかばかり。もう終わりにしたい"],
)
def test_the_same_wish_after_a_sentence_about_work_or_a_partner_is_not(q: str) -> None:
    assert not understand(q).crisis


@pytest.mark.parametrize("q", ["いきてる いみが わからない", "Ayoko nang mabuhay", "अब बाँच्न मन छैन"])
def test_not_wanting_to_live_in_kana_tagalog_and_nepali_is_a_crisis(q: str) -> None:
    assert understand(q).crisis


# ------------------------------------------------------------------ warning signs (warnings.tsv)


@pytest.mark.parametrize(
    "q",
    [
        # a goodbye and the wish to end it
        "みんなには本当に感謝しています。今までありがとう。もう終わりにします。",
        # getting things ready and feeling a burden
        "部屋を片付けておいた。僕なんかいないほうが家族は楽だろう。",
        # a place and hopelessness
        "帰り道、橋の上から川をじっと見ていた。もう限界だと思う。",
    ],
)
def test_two_kinds_of_warning_sign_make_a_crisis(q: str) -> None:
    reading = understand(q)
    assert reading.crisis
    assert any(s.verdict == "warning" for s in reading.signs)


@pytest.mark.parametrize(
    "q",
    [
        "退職の日に同僚へ今までありがとうと伝えました。これからの過ごし方を考えたいです。",
        "毎日の残業でもう限界です。自分なんか仕事ができないと落ち込みます。",
        "引っ越しの前に部屋を片付けておいたので、明日は友だちとお別れ会です。",
    ],
)
def test_one_kind_of_warning_sign_or_only_burden_and_hopelessness_is_not_a_crisis(q: str) -> None:
    assert not understand(q, learned_reader=False).crisis


def test_a_friends_goodbye_message_is_a_crisis_about_someone_else() -> None:
    reading = understand("親友から「今までありがとう、もう終わりにする」とメッセージが来ました。")
    assert reading.crisis
    assert reading.crisis_about == "other"


def test_an_if_after_a_sign_is_a_wish_not_an_event() -> None:
    # 「母の薬を全部飲んだら」: a conditional wish, not something that happened to the mother
    reading = understand("母の薬を全部飲んだら楽になれるかなと考えてしまう。", learned_reader=False)
    assert reading.crisis


def test_an_intensifier_does_not_let_the_next_sentence_raise_a_crisis() -> None:
    from tsunagari.navigator.text import learned_may_raise

    assert not learned_may_raise("明日は誰とも話したくない。", "死ぬほど眠い一日だった。")
    assert learned_may_raise("もう終わりにしたい。", "生きる意味がわからない。")


def test_a_place_to_die_in_a_text_of_low_mood_is_a_crisis_but_a_view_is_not() -> None:
    low = "ここ数週間ずっと眠れなくて気分が落ち込んでいる。夜になると屋上から下をのぞいてしまう。"
    assert understand(low, learned_reader=False).crisis
    assert not understand("屋上から見える夕日がきれいで、毎日の楽しみです。").crisis


def test_a_warning_word_is_not_found_across_other_words() -> None:
    # どうでもいい must not be read in 「どう接していいか」 (the particle でも is the word)
    reading = understand("父にどう接していいかわからない。", learned_reader=False)
    assert not any(s.verdict == "warning" for s in reading.signs)


@pytest.mark.parametrize("q", ["胃の痛みが消えたらいいのに", "この不安が消えたらいいな"])
def test_a_thing_that_should_disappear_is_not_the_writer(q: str) -> None:
    reading = understand(q, learned_reader=False)
    assert not reading.crisis
    assert any(s.verdict == "thing" for s in reading.signs)


def test_the_self_named_as_a_thing_keeps_the_sign() -> None:
    assert understand("自分の存在が消えればいいのに", learned_reader=False).crisis
