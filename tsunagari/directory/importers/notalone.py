"""notalone-2021.csv → national support schemes (Service, Area.NATIONAL).

The Cabinet Secretariat's 「あなたはひとりじゃない」 list as collected by Civichat
in November 2021. Credited as its licence asks, dated, and marked for
re-verification: some schemes (COVID-era measures) have ended, and staff retire
them. The file's tag columns are almost empty (only a broad "theme"), so the
need codes below were decided by a person, scheme by scheme, from the name,
the summary and who it is for.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext

from tsunagari.directory.importers.base import (
    ImportResult,
    Progress,
    Row,
    RowError,
    Tagger,
    check_codes,
    read_rows,
    require,
)
from tsunagari.directory.importers.same import duplicates, skip_duplicate
from tsunagari.directory.models import Area, Confidence, Organization, Service

COLUMNS = [
    "text",
    "service_id",
    "service_number",
    "origin_id",
    "alteration_flag",
    "provider",
    "prefecture_id",
    "city_id",
    "name",
    "abstract",
    "provisions",
    "target",
    "how_to_apply",
    "application_start_date",
    "application_close_date",
    "detail_url",
    "contact",
    "information_release_date",
    "tags",
    "theme",
    "category",
    "person_type",
    "entity_type",
    "keyword_type",
    "issue_type",
]
SOURCE_NAME = (
    "内閣官房孤独・孤立対策担当室『あなたはひとりじゃない』"
    "（2021年11月時点、Civichat 収集）を加工して作成"
)
SOURCE_URL = "https://github.com/Civichat/notalone-cas.go.jp"
SOURCE_DATE = "2021-11"
NO_PROVIDER = "所管組織の記載なし"

# name → "need codes / audience codes / channel codes" (audiences default to anyone). A
# channel is given only where the 2021 text names a line of its own (a number or an SNS
# account), not a kind of desk to look for near you: that makes the listing a desk.
TAGS: dict[str, str] = {
    "生活困窮者自立支援制度": "money housing work",
    "住居確保給付金": "housing money",
    "セーフティネット住宅登録制度": "housing / anyone elderly",
    "求職者支援制度": "work money / adult",
    "雇用保険失業給付（基本手当）": "work money / adult",
    "未払賃金立替払制度": "work money / adult",
    "傷病手当（雇用保険）": "work health money / adult",
    "傷病手当金（健康保険）": "health money work / adult",
    "休業（補償）等給付": "work health money / adult",
    "育児休業給付": "parenting work money / adult",
    "介護休業給付": "elderly work money / family",
    "補装具費支給制度": "disability money",
    "障害年金": "disability money",
    "児童手当": "parenting money / family",
    "特別児童扶養手当": "disability parenting money / family",
    "障害児福祉手当": "disability child money / family",
    "児童扶養手当": "parenting money / family",
    "母子父子寡婦福祉資金貸付": "parenting money / family",
    "遺族年金": "family money / family",
    "死亡一時金": "family money / family",
    "未支給年金": "family money / family",
    "老齢年金": "elderly money / elderly",
    "生活保護制度": "money",
    "乳幼児・子ども医療費助成": "parenting health money / family",
    "小児慢性特定疾病医療費助成制度": "health child money / family",
    "特定疾病療養費": "health money",
    "難病医療費助成制度": "health money",
    "肝炎治療医療費助成制度": "health money",
    "肝がん・重度肝硬変治療研究促進事業": "health money",
    "自立支援医療": "health disability mental",
    "自動車損害賠償責任保険": "legal money",
    "高額療養費": "health money",
    "医療保険一部負担免除": "disaster health money",
    "無料低額診療事業": "health money",
    "日本司法支援センター（法テラス）": "legal",
    "国民年金保険料の免除制度・納付猶予制度": "money",
    # its 2021 text: 「性的指向・性自認に関連する労働問題も対象としています」
    "総合労働相談コーナー": "work lgbtq / adult foreign",
    "労働基準監督署": "work / adult",
    "労災保険給付": "work health money / adult",
    "育児休業制度": "parenting work / adult",
    "介護休業制度": "elderly work / family",
    "マザーズハローワーク": "work parenting / women",
    "地域若者サポートステーション": "youth work / youth",
    "新卒応援ハローワーク": "work youth / youth",
    "ハローワーク求人ホットライン（求職者・就業者専用）": "work / adult",
    "教育訓練給付": "work / adult",
    "ハロートレーニング": "work / adult",
    "就職氷河期世代活躍支援": "work hikikomori / adult",
    "障害者就業・生活支援センター": "disability work",
    "就労移行支援": "disability work",
    "就労継続支援A・B型": "disability work",
    "働く人の悩みホットライン": "work mental family / adult / phone",
    "入院助産制度": "parenting money / women",
    "出産育児一時金": "parenting money / family",
    "妊婦健診費用の助成": "parenting health money / women",
    "特定不妊治療費助成": "parenting health money / family",
    "出産手当金": "parenting work money / women",
    "未熟児養育医療制度": "parenting health money / family",
    "子育て世代包括支援センター": "parenting / family",
    "全国のにんしんSOS相談窓口": "parenting / women youth",
    "産前・産後サポート事業": "parenting / family",
    "産後ケア事業": "parenting mental / women",
    "児童相談所": "abuse child / anyone child",
    "地域子育て支援拠点事業": "parenting connection / family",
    "一時預かり事業（一時保育）": "parenting / family",
    "子育て短期支援事業": "parenting / family",
    "ファミリー・サポート・センター事業": "parenting / family",
    "病児・病後児保育事業": "parenting health / family",
    "高等教育の修学支援新制度": "money youth / youth",
    "高等学校等就学支援金・高校生等奨学給付金": "money child / family",
    "就学援助制度": "money child / family",
    "養育支援訪問事業": "parenting / family",
    "ひとり親家庭等日常生活支援事業": "parenting / family",
    "就学相談（教育委員会）": "disability child / family",
    "障害福祉サービス": "disability",
    "障害児支援施策": "disability child / family",
    "高等職業訓練修了支援給付金": "parenting work money / family",
    "高等職業訓練促進給付金": "parenting work money / family",
    "ひとり親家庭等生活向上事業": "parenting connection / family",
    "母子家庭等就業・自立支援センター事業": "parenting work / family",
    "児童家庭支援センター": "child abuse family / family",
    "法務少年支援センター": "crime child family / anyone family / phone",
    "DV相談ナビ": "abuse / anyone women",
    "DV相談プラス": "abuse / anyone women",
    "配偶者暴力相談支援センター": "abuse / anyone women",
    "性犯罪・性暴力被害者のためのワンストップ支援センター（はやくワンストップ）": "abuse crime / anyone women / phone",
    "女性の人権ホットライン": "abuse crime / women / phone",
    "性犯罪被害相談電話": "crime abuse",
    "性暴力に関するSNS相談「Cure time（キュアタイム）」": "abuse / anyone foreign / sns",
    "婦人相談所": "abuse family money / women",
    "介護保険サービス（在宅サービス）": "elderly / elderly family",
    "地域包括支援センター": "elderly / elderly family",
    "介護保険サービス（福祉用具の購入・貸与）": "elderly / elderly",
    "高額介護サービス費等": "elderly money / elderly family",
    "介護保険サービス（施設サービス）": "elderly / elderly family",
    "警察相談専用電話": "crime",
    "犯罪被害者等早期援助団体": "crime",
    "部内カウンセラーの配置、カウンセリング費用の公費負担制度": "crime mental",
    "消費者ホットライン": "legal",
    "消費者団体訴訟制度": "legal",
    "精神保健福祉センター": "mental addiction",
    "摂食障害情報ポータルサイト": "mental health / anyone family",
    "アレルギーポータルサイト": "health / anyone family",
    "依存症相談拠点機関": "addiction / anyone family",
    "ひきこもり支援推進事業": "hikikomori / anyone family",
    "市区町村（保健センター）": "health parenting",
    "医療機能情報提供制度（医療情報ネット）": "health",
    "こども医療でんわ相談": "health parenting / family / phone",
    "救急安心センター": "health / anyone / phone",
    "地域生活定着促進事業": "crime elderly disability",
    "被災者支援に関する各種制度": "disaster",
    "被災者生活再建支援制度": "disaster housing money",
    "災害障害見舞金": "disaster money",
    "災害弔慰金": "disaster family money",
    "新卒者内定取消等特別相談窓口": "work youth / youth",
    "新型コロナウイルス感染症対応休業支援金・給付金": "work money / adult",
    "新型コロナウイルスの影響で学びの継続が困難になっている学生への経済的支援一覧": "money youth / youth",
    "低所得の子育て世帯に対する子育て世帯生活支援特別給付金（ひとり親世帯分）": "money parenting / family",
    "低所得の子育て世帯に対する子育て世帯生活支援特別給付金（ひとり親世帯以外の低所得の子育て世帯分）": "money parenting / family",
    "緊急小口資金等の特例貸付": "money",
    "新型コロナウイルス感染症の影響による特別労働相談窓口一覧": "work / adult",
    "ＦＲＥＳＣヘルプデスク": "foreign / foreign",
}


# The project's own copy, byte for byte the file in ../shared/data/national/, gzip-compressed
# (see data/README.md for why). A fresh clone loads the same directory without ../shared.
DEFAULT_PATH = Path("data/national/notalone-2021.csv.gz")


def default_path() -> Path:
    env = os.environ.get("NOTALONE_CSV")
    if env:
        return Path(env)
    return Path(settings.BASE_DIR) / DEFAULT_PATH


def tags_for(name: str) -> tuple[list[str], list[str], list[str]] | None:
    spec = TAGS.get(name)
    if spec is None:
        return None
    needs, audiences, channels = (spec.split("/") + ["", ""])[:3]
    return needs.split(), audiences.split() or ["anyone"], channels.split()


def _url(value: str) -> str:
    value = value.strip()
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value if len(value) <= 500 else ""


def _folded(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def sourced_contact_names() -> set[str]:
    """Lines that the sourced contacts file lists with a number: the 2021 copy of the same
    scheme would only show the person the same desk twice, once without its number."""
    path = Path(settings.BASE_DIR) / "data" / "contacts-sourced.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {_folded(row["name"]) for row in csv.DictReader(handle)}


def read_notalone(path: Path) -> list[Row]:
    return list(read_rows(path, COLUMNS, skip_after_header=2, loose_first_header=True))


def imported_names(path: Path) -> list[str]:
    """The names of the rows that :func:`import_notalone` keeps (no database needed)."""
    listed_with_number = sourced_contact_names()
    same = duplicates()
    return [
        row["name"]
        for row in read_notalone(path)
        if _folded(row["name"]) not in listed_with_number and f"notalone:{row['name']}" not in same
    ]


def import_notalone(path: Path, *, progress: Progress = lambda _: None) -> ImportResult:
    result = ImportResult(source=str(path))
    tagger = Tagger()
    listed_with_number = sourced_contact_names()
    same = duplicates()
    with transaction.atomic():
        rows = read_notalone(path)
        for index, row in enumerate(rows, start=1):
            if skip_duplicate(f"notalone:{row['name']}", same):
                progress(
                    gettext("  「%(name)s」は同じ相談先の行があるので省きました")
                    % {"name": row["name"]}
                )
                continue
            if _folded(row["name"]) in listed_with_number:
                Service.objects.filter(import_key=f"notalone:{row['name']}").delete()
                progress(
                    gettext("  「%(name)s」は電話の一覧にあるので省きました")
                    % {"name": row["name"]}
                )
                continue
            _import_row(path, row, tagger, result)
            if index % 20 == 0 or index == len(rows):
                progress(f"  {index}/{len(rows)}")
    return result


def _import_row(path: Path, row: Row, tagger: Tagger, result: ImportResult) -> None:
    require(path, row, "name")
    tags = tags_for(row["name"])
    if tags is None:
        raise RowError(
            path,
            row.line,
            gettext(
                "「%(name)s」のお悩みの分類が決まっていません"
                "（importers/notalone.py の TAGS に足してください）。"
            )
            % {"name": row["name"]},
        )
    needs, audiences, channels = tags
    check_codes(path, row.line, needs=needs, audiences=audiences, channels=channels)
    provenance = {
        "source_name": SOURCE_NAME,
        "source_url": SOURCE_URL,
        "source_date": SOURCE_DATE,
        "confidence": Confidence.SECONDARY,
        "needs_reverification": True,
    }
    provider = row["provider"] or NO_PROVIDER
    organization, _ = Organization.objects.get_or_create(name=provider, defaults=provenance)
    result.organizations.add(provider)
    description = "\n\n".join(part for part in (row["abstract"], row["provisions"]) if part)
    service, _ = Service.objects.update_or_create(
        import_key=f"notalone:{row['name']}",
        defaults={
            **provenance,
            "organization": organization,
            "name": row["name"][:200],
            "area": Area.NATIONAL,
            "ward": "",
            "description": description,
            "eligibility_description": row["target"],
            "application_process": row["how_to_apply"],
            "url": _url(row["detail_url"]),
            "contact_text": row["contact"],
        },
    )
    result.services += 1
    tagger.tag(service, needs=needs, audiences=audiences, channels=channels)
    service.refresh_kind()
