"""The worry thesaurus: how people say what troubles them, mapped to need codes.

This is data, kept as a Python string so it always ships with the package. Each
line is ``WEIGHTS: expression | expression | ...`` where WEIGHTS is one or more
``need=weight`` pairs (a bare ``need`` means weight 1.0), optionally preceded by
flags:

``!crisis``  the expression is a sign of suicidal thoughts, self-harm or overdose
``@latin``   English / Portuguese / Vietnamese keywords: whole words, accents optional
``@cjk``     Chinese / Korean keywords: matched as plain substrings

An expression starting with ``~`` is matched by reading and surface only, never
by lemma: 「死にたか」 (Kyushu: I want to die) has the lemmas of 「死んだ」.

Japanese expressions are written once, in any common spelling: the text module
matches them by Sudachi's normalized lemma sequence (so 子供/こども/子ども,
引きこもり/ひきこもり and inflections unify, and particles between words are
skipped), by reading (kana-only spellings and wrong-kanji slips such as 不当校),
and by surface for longer expressions. So an entry is a *way of saying*, not a
string: 「話す相手がいない」 also catches 「話し相手がおらへん」.

Weights: 1.0 names the need plainly; 0.4–0.7 is a hint that needs company;
1.3+ is a phrase that settles it. Keep tags honest — a word that fits several
needs lists each with its own weight.
"""

SOURCE = r"""
# ---------------------------------------------------------------- crisis
!crisis suicide=2.0: 死ぬと言う | 死ぬって言う | 死んでやる | 死にたいと言う | 死にたいって言う | 死にたい | 死にたくなる | 死んでしまいたい | ~死のう | 死ぬしかない | 死ぬつもり | 死んだほうがまし | 死んだ方が楽 | 死にてえ | ~死にたか | ~死にとう | 死なせてほしい | 死なせてください | 自殺 | 自死したい | 自殺したい | 命を絶つ | 命を断つ | 自ら命を | 消えたい | 消えてしまいたい | 消えてなくなりたい | いなくなりたい | この世からいなくなりたい | 生きていたくない | 生きていたない | 生きたくない | 生きる意味がない | 生きる価値がない | 生きてる価値がない | 生きている価値がない | 生きてる意味がない | 生きている意味がない | 生きていても仕方ない | 生きてても仕方ない | 生きていてもしょうがない | 生きててもしょうがない | ~生きとってもしゃあない | ~生きててもしゃあない | ~生きとっても仕方 | 生きていても意味がない | ~生きているのがつらい | ~生きてるのがつらい | ~生きるのがつらい | ~生きるのが辛い | ~死んだら楽 | ~死ねば楽 | ~死ねたら楽 | ~死ねたらいい | ~死んでしまえば楽 | ~死んだほうが | ~死んだ方が | 自殺を考える | 自殺しそう | 死にそうなほどつらい | 生きるのに疲れた | 生きることに疲れた | 人生を終わりにしたい | 全部終わりにしたい | すべて終わりにしたい | 何もかも終わりにしたい | 全部終わらせたい | ~消えられたら | ~消えられれば | ~いなくなれたら | ~消えることができたら | 人生を終わらせたい | 首を吊る | ~首をつる | ~首をつろう | ~首をつりたい | ~首をつって | 首吊り | 首つり | 首を括る | 自分が消えればいい | 自分なんか消えればいい | 自分がいなくなればいい | 自分なんかいなくなればいい | 私が消えればいい | 私なんか消えればいい | 私がいなくなればいい | 私なんかいなくなればいい | 僕が消えればいい | 僕なんか消えればいい | 僕がいなくなればいい | 僕なんかいなくなればいい | 俺が消えればいい | 俺なんか消えればいい | 俺がいなくなればいい | 俺なんかいなくなればいい | わたしが消えればいい | わたしなんか消えればいい | わたしがいなくなればいい | わたしなんかいなくなればいい | あたしが消えればいい | あたしなんか消えればいい | あたしがいなくなればいい | あたしなんかいなくなればいい | うちが消えればいい | うちなんか消えればいい | うちがいなくなればいい | うちなんかいなくなればいい | 自分なんかいない方がいい | 自分は死ねばいい | 生まれてこなければよかった | 生まれてこなければ良かった | 死にたい気持ち | 飛び降りたい | 飛び降りよう | 飛び込みたい | 電車に飛び込 | 遺書を書く | 遺書を書いた | 練炭を買う | 楽に死ねる | 死に方 | 死ぬ方法 | 希死念慮 | 自殺願望
# Passive wishes to be dead: clinicians treat them as suicidal thoughts, so the 24-hour lines come first.
!crisis suicide=2.0: 明日が来なければいい | 明日なんか来なければいい | 朝が来なければいい | 目が覚めなければいい | 目覚めなければいい | このまま目が覚めなければ | 眠ったまま死にたい | 生まれてきたくなかった
!crisis suicide=2.0 mental=0.5: 自分を傷つける | 自分を傷つけて | 自傷 | 自傷行為 | リストカット | リスカ | アームカット | 手首を切る | 腕を切る | 体を切る | 切りたくなる衝動 | 血を見ると落ち着く | 根性焼き
!crisis suicide=2.0 health=0.3: オーバードーズ | OD | 過量服薬 | 過剰服薬 | 大量服薬 | 薬を大量に飲む | 薬を大量 | 薬をたくさん飲む | 薬を全部飲む | 薬をいっぱい飲む | 睡眠薬を大量 | 睡眠薬をためて | 市販薬を大量 | 風邪薬を大量 | 薬を溜めて | 薬を一気に飲む | 薬をまとめて飲む | 薬を一度に飲む | 薬を全部飲んだ | 薬を何十錠 | 一気に飲んだ薬
!crisis @latin suicide=2.0: suicide | suicidal | kill myself | killing myself | want to die | wanna die | end my life | ending my life | take my life | taking my life | end it all | don't want to live | dont want to live | no reason to live | better off dead | self harm | self-harm | cutting myself | hurt myself | overdose | suicidio | suicídio | quero morrer | me matar | tirar minha vida | tu tu | tự tử | muon chet | muốn chết | tu sat | tự sát
!crisis @cjk suicide=2.0: 自杀 | 想死 | 不想活 | 轻生 | 自残 | 割腕 | 자살 | 죽고 싶 | 죽고싶 | 자해 | 살기 싫 | 살고 싶지 않

# Softer signs: serious distress, not (alone) a crisis.
mental=1.0 suicide=0.4: 生きる意味がわからない | 生きている意味がわからない | 楽になりたい | 全部投げ出したい | 限界 | もう限界 | 生きづらい | 生きづらさ | 何もかも嫌 | もう無理 | 疲れ果てた
mental=0.8: 死ぬほどつらい | 死ぬほどしんどい
work=0.5 mental=0.4: 忙しい | 忙しすぎる | 休めない | 休みがない
mental=0.4: 疲れる | 眠い | だるい

# ---------------------------------------------------------------- connection
connection=1.3: 孤独 | 孤立 | 寂しい | さみしい | 淋しい | 話す相手がいない | 話し相手がいない | 話し相手 | 話し相手がほしい | 誰とも話さない | 誰とも話していない | 誰とも話せない | 誰とも会わない | 誰とも会っていない | 誰とも喋らない | 誰ともしゃべらない | 友達がいない | 友だちがいない | 友人がいない | 友達が欲しい | 友達をつくりたい | 友達を作りたい | 仲間を作りたい | 仲間がほしい | 仲間がいない | 居場所 | 居場所がない | 居場所がほしい | ひとりぼっち | 独りぼっち | ぼっち | 一人ぼっち | 知り合いがいない | 人とつながりたい | 人と関わりたい | 人と話したい | 誰かと話したい | 誰かと話がしたい | 話を聞いてほしい | 話を聞いてもらいたい | 愚痴を聞いてほしい | 相談できる人がいない | 相談相手がいない | 頼れる人がいない | 頼る人がいない | 誰にも相談できない | 誰も頼れない | つながり | 孤食 | 一人で食事 | 気軽に参加 | 集まり | サロン | 交流 | 交流会 | 趣味の会 | サークル | 仲間づくり | 仲間作り | 地域の仲間 | 地域活動 | ボランティアをしたい | ボランティア活動 | 生きがい | 社会とのつながり | 近所付き合い | 近所づきあい | 近所に知り合い | 地域になじめない | 引っ越してきて知り合い | 誰も来ない | 誰からも連絡がない | 声を聞きたい | 人恋しい | 退職後 | 定年後 | 話す人がいない | 口をきいていない | 誰とも口をきかない | 誰とも口をきいていない | 会話がない | 人と話していない
connection=1.0 elderly=0.5: 老人会 | 老人クラブ | 高齢者サロン | いきいきサロン | 通いの場
@latin connection=1.3: lonely | loneliness | alone | isolated | isolation | no friends | nobody to talk | someone to talk | make friends | solidão | solidao | sozinho | sozinha | cô đơn | co don | một mình
@cjk connection=1.3: 孤独 | 寂寞 | 孤单 | 没有朋友 | 외로 | 외롭 | 고독 | 친구가 없

# ---------------------------------------------------------------- mental
mental=1.3: 不安 | 不安でたまらない | 心配でたまらない | 落ち込む | 落ち込んでいる | 気分が落ち込む | 気持ちが沈む | 憂鬱 | ゆううつ | うつ | 鬱 | うつ病 | 鬱病 | 抑うつ | 躁うつ | 双極性障害 | 適応障害 | パニック | パニック障害 | パニック発作 | 過呼吸 | 眠れない | 寝られない | 寝れない | 不眠 | 不眠症 | 夜眠れない | ストレス | メンタル | メンタルヘルス | 心の病気 | こころの病気 | 心の不調 | こころの不調 | 心が疲れた | 心が折れる | 気持ちが不安定 | 情緒不安定  | 涙が止まらない | 涙が出る | 何もやる気が出ない | やる気が出ない | する気がしない | やる気がしない | 何もする気が起きない | 何もしたくない | 無気力 | 気力がない | 朝起きられない | 食欲がない | イライラ | いらいら | 怒りが抑えられない | 統合失調症 | 幻聴 | 妄想 | 強迫性障害 | 摂食障害 | 拒食 | 過食 | トラウマ | PTSD | 精神科 | 心療内科 | カウンセリング | カウンセラー | 自分が嫌い | 自己肯定感 | 動悸 | 動悸がする | 息苦しい | 手が震える | 人が怖い | 対人恐怖 | 人前で緊張 | 頭がおかしくなりそう | 気が滅入る | 心が苦しい | 胸が苦しい | 焦り | 焦燥感 | 燃え尽き | 毎日がつらい | 何もかもつらい | 不安で眠れない | メンタルがやばい | 病む | 病んでる | 心の相談 | 気持ちがつらい | 憂うつ | 気分が沈む
mental=0.6: しんどい | つらい | 辛い | 苦しい | 悩み | 悩んでいる | 疲れた | 泣いてばかり
mental=0.8 health=0.5: 精神疾患 | 精神障害 | 通院 | 服薬
@latin mental=1.3: depression | depressed | anxiety | anxious | panic | stress | stressed | mental health | can't sleep | cant sleep | insomnia | sad | ansiedade | depressão | depressao | trầm cảm | tram cam | lo âu | lo au | căng thẳng | cang thang
@cjk mental=1.3: 抑郁 | 焦虑 | 失眠 | 压力 | 心理 | 우울 | 불안 | 스트레스 | 잠을 못

# ---------------------------------------------------------------- money
money=1.3: お金がない | 銭がない | 金がのうて | 銭っこ | 銭こ | ぜにがない | お金が無い | 金がない | 金欠 | お金に困る | お金に困っている | お金が足りない | 生活費 | 生活が苦しい | 生活ができない | 生活できない | 生活に困る | 暮らしが苦しい | 食べるものがない | 食べ物がない | ご飯が食べられない | 食費がない | 食料 | フードバンク | 貧困 | 困窮 | 生活困窮 | 生活保護 | 借金 | 借金返済 | 返済 | ローン | 多重債務 | 消費者金融 | サラ金 | 闇金 | ヤミ金 | 督促 | 取り立て | 滞納 | 家賃が払えない | 家賃を滞納 | 家賃が払われない | 光熱費が払えない | 電気を止められる | ガスを止められる | 水道を止められる | 電気が止まる | 電気代 | ガス代 | 水道代 | 電気代が払えない | 公共料金 | 税金が払えない | 国民健康保険料 | 給付金 | 給付 | 手当 | 児童扶養手当 | 貸付 | 緊急小口資金 | 生活福祉資金 | 住居確保給付金 | 年金が少ない | 年金だけでは | 収入がない | 収入が減った | 無収入 | 無一文 | 所持金 | 払えない | 支払いができない | 支払えない | 支払いができそうにない | 払えそうにない | 請求が払えない | 首が回らない | 火の車 | 家計 | 家計が苦しい | 給料が少ない | 貯金がない | 学費が払えない | 奨学金 | 生活支援 | お金がなくて | お金が尽きた | 一文無し | 文無し | 食べていけない | 食べていけない | 貧乏 | 生活に困窮 | 物価高
money=1.0 legal=0.7: 自己破産 | 債務整理 | 任意整理 | 個人再生 | 過払い
@latin money=1.3: money | debt | debts | poverty | food bank | rent | can't pay | cant pay | bills | welfare | dinheiro | dívida | divida | pobreza | comida | aluguel | tiền | tien | nợ | no nan | nghèo
@cjk money=1.3: 没钱 | 没有钱 | 欠债 | 债务 | 贫困 | 生活费 | 房租 | 돈이 없 | 빚 | 생활비 | 가난

# ---------------------------------------------------------------- work
work=1.3: 仕事 | 仕事がない | 仕事が見つからない | 仕事を探す | 仕事をさがす | 仕事探し | 職探し | 求職 | 就職 | 就職活動 | 就活 | 転職 | 再就職 | 失業 | 失職 | 無職 | 解雇 | クビになる | 首になる | クビにされた | 首を切られた | リストラ | 雇い止め | 派遣切り | 退職 | 会社を辞めた | 仕事を辞めた | 仕事を失った | 職を失った | 働く場所 | 働きたい | 働けない | ハローワーク | 求人 | アルバイト | バイト | パート | 職場 | 会社 | 上司 | 同僚 | パワハラ | パワーハラスメント | セクハラ | モラハラ | マタハラ | ハラスメント | いやがらせ | 嫌がらせ | 長時間労働 | 残業 | 過労 | ブラック企業 | 給料 | 給料未払い | 賃金未払い | 給料が払われない | 未払い | 残業代 | 労働 | 労働問題 | 労働相談 | 職業訓練 | 働き方 | 契約を切られる | 契約を切られた | 派遣 | 派遣社員 | 契約社員 | 正社員になれない | 仕事が続かない | 仕事が辛い | 仕事がつらい | 職場の人間関係 | 職場でいじめ | 雇用 | 失業保険 | 雇用保険
@latin work=1.3: job | jobs | work | unemployed | unemployment | fired | laid off | harassment | salary | wages | employment | trabalho | emprego | desempregado | salário | salario | việc làm | viec lam | công việc | cong viec | thất nghiệp | that nghiep | mất việc | mat viec | nghỉ việc | nghi viec | lost my job | lose my job | perdi o emprego | perdi meu emprego | sem trabalho | sem emprego
@cjk work=1.3: 工作 | 找工作 | 失业 | 工资 | 일자리 | 직장 | 취업 | 실업 | 월급

# ---------------------------------------------------------------- housing
housing=1.3: 住まい | 住む場所 | 住むところ | 住む所がない | 住む家がない | 住むところがない | 家がない | 家を失う | 家を追い出される | 家を出なければならない | 家を出ていかなければ | 家を出たい | 出て行けと言われた | 出ていけと言われた | 追い出される | 退去 | 立ち退き | 立ち退き | 明け渡し | ホームレス | 路上生活 | 野宿 | ネットカフェ | ネカフェ | 漫画喫茶 | 寝泊まり | 車中泊 | 車で寝ている | ネットカフェ難民 | 更新を断られた | 契約更新 | 寝る場所がない | 泊まるところがない | 泊まる場所がない | 住居 | 住宅 | 市営住宅 | 公営住宅 | 府営住宅 | 部屋探し | 部屋を借りる | 部屋が借りられない | 賃貸 | アパート | 引っ越し先 | 引っ越したい | 転居 | 家賃 | 保証人がいない | 入居 | 入居拒否 | 大家 | 家が見つからない | シェルター | 寮を出る | 社員寮 | 住み込み
housing=0.8 disaster=0.6: 家が壊れた | 家が住めない | 住めなくなった | 仮設住宅
@latin housing=1.3: housing | homeless | evicted | eviction | place to live | place to stay | place to sleep | nowhere to sleep | nowhere to live | sleep outside | no home | apartment | moradia | casa | despejo | sem teto | nhà ở | nha o | chỗ ở | cho o | vô gia cư
@cjk housing=1.3: 住房 | 租房 | 无家可归 | 住处 | 집이 없 | 주거 | 노숙 | 월세

# ---------------------------------------------------------------- parenting
parenting=1.6: 夜泣き | 寝かしつけ | 赤ちゃんが泣き止まない
parenting=1.3 mental=1.0: 産後うつ | 産後鬱 | 産後のうつ | マタニティブルー
parenting=1.3: 子育て | 子育てが大変 | 育児 | 育児が大変 | 育児ノイローゼ | 育児疲れ | 産後 | 妊娠 | 妊婦 | 出産 | 予期せぬ妊娠 | 望まない妊娠 | 妊娠したかもしれない | 赤ちゃん | 赤ん坊 | 新生児 | 乳児 | 乳幼児 | 授乳 | 母乳 | ミルク | 離乳食 | 保育園 | 保育所 | 待機児童 | 一時保育 | 一時預かり | 子どもを預けたい | 子供を預ける | 幼稚園 | こども園 | 子育て支援 | 子育て相談 | 育て方 | しつけ | 子どもの発達 | ワンオペ | ワンオペ育児 | 母子家庭 | 父子家庭 | ひとり親 | 一人親 | シングルマザー | シングルファーザー | シンママ | 母子手帳 | 妊活 | 不妊 | 不妊治療 | 双子 | 子どもが言うことを聞かない | 子どもにイライラ | 子どもに手をあげ | ママ友 | 育休 | 産休 | つわり
@latin parenting=1.3: pregnant | pregnancy | baby | childcare | parenting | single mother | single parent | nursery | daycare | grávida | gravida | gravidez | bebê | bebe | creche | mang thai | có thai | em bé | nuôi con
@cjk parenting=1.3: 怀孕 | 育儿 | 婴儿 | 带孩子 | 임신 | 육아 | 아기 | 어린이집

# ---------------------------------------------------------------- child
child=1.3: いじめ | いじめられる | いじめられている | いじめにあう | 苛め | 無視される | 無視されている | 仲間外れ | 仲間はずれ | ハブられる | 悪口を言われる | からかわれる | 不登校 | 登校拒否 | 学校に行けない | 学校に行きたくない | 学校へ行けない | 学校行きたくない | 学校がつらい | 学校が辛い | 学校が嫌 | 学校に行っていない | 学校休んでる | 教室に入れない | 保健室登校 | 先生 | 担任 | 学校 | クラス | 部活 | 小学校 | 中学校 | 小学生 | 中学生 | 高校生 | 児童 | 生徒 | 勉強についていけない | 勉強がわからない | 成績 | 受験 | 進学 | 進路 | ヤングケアラー | 家族の世話 | 弟や妹の世話 | 子どもの悩み | こどもの悩み | 子どもが心配 | 非行 | 家出 | 親がうるさい | 親に怒られる | 親と合わない | 親が怖い | 学童 | 放課後 | 子ども食堂 | こども食堂 | 学習支援
youth=1.0 child=0.3: 大学 | 大学生 | 中退 | 大学中退 | 専門学校
child=1.0 youth=0.6: 高校中退 | 退学
youth=0.6 hikikomori=0.5: 何もしていない | 何もしてない | 家にいるだけ
@latin child=1.3: bullying | bullied | school | teacher | classmates | escola | bullying | professor | bắt nạt | bat nat | trường học | truong hoc
@cjk child=1.3: 霸凌 | 欺负 | 学校 | 不上学 | 왕따 | 따돌림 | 학교 | 괴롭힘

# ---------------------------------------------------------------- youth
youth=1.3: 若者 | 若い人 | 若年 | 10代 | 十代 | 20代 | 二十代 | 30代 | 三十代 | ニート | 無業 | 働いていない若者 | 学校も仕事もしていない | 社会に出られない | 社会に出るのが怖い | 生きづらさ | 若者向け | 若者の相談 | 若者サポート | 若者サポートステーション | サポステ | ユースワーク | 居場所のない若者 | 学生 | 青年 | 大人になるのが怖い | 将来がわからない | 将来が見えない | やりたいことがない | 進路に迷う | 自分探し
youth=1.0 child=0.8 elderly=0.4: ヤングケアラー | 若者ケアラー
@latin youth=1.3: young people | youth | teenager | teen | student | jovem | jovens | adolescente | thanh niên | thanh nien | sinh viên | sinh vien
@cjk youth=1.3: 年轻人 | 青年 | 学生 | 청년 | 젊은 | 학생 | 청소년

# ---------------------------------------------------------------- hikikomori
hikikomori=1.6: ひきこもり | 引きこもり | 引き籠もり | 引籠り | 引きこもる | ひきこもる | 引きこもっている | 閉じこもる | 閉じこもっている | 部屋から出てこない | 部屋から出ない | 部屋にこもる | 部屋にこもっている | 家から出ない | 家から出られない | 家から出てこない | 外に出られない | 外に出ない | 外出できない | 何年も家にいる | ずっと家にいる | 社会とつながっていない | 8050 | 8050問題 | 7040 | 9060 | 長期間家にこもっている | 家にこもる | こもりがち | 引きこもりがち | 外に出るのが怖い | 家から一歩も出ない | 人に会うのが怖い | 人と会えない | 外が怖い
hikikomori=0.6 family=0.4: 働かない息子 | 働かない娘 | 息子が働かない | 娘が働かない | 大人の子ども
@latin hikikomori=1.6: hikikomori | social withdrawal | shut-in | shut in | recluse | recluso
@cjk hikikomori=1.6: 家里蹲 | 蛰居 | 繭居 | 은둔 | 히키코모리 | 방에서 안 나

# ---------------------------------------------------------------- elderly
elderly=1.3: 介護 | 介護が大変 | 介護疲れ | 介護保険 | 要介護 | 要支援 | 介護認定 | 介護サービス | ケアマネ | ケアマネジャー | デイサービス | ヘルパー | 訪問介護 | 老人ホーム | 特養 | 施設に入れたい | 施設入所 | 認知症 | 物忘れ | もの忘れ | ものわすれ | 徘徊 | ボケ | 惚ける | ボケてきた | 痴呆 | 高齢 | 高齢者 | 高齢の親 | 年寄り | お年寄り | 老人 | 老後 | 老々介護 | 老老介護 | 親の介護 | 一人暮らしの父 | 一人暮らしの母 | 一人暮らしの親 | ひとり暮らしの親 | 離れて暮らす親 | 遠くの親 | 親が年をとった | 一人暮らしの高齢者 | ひとり暮らしの高齢者 | 高齢の一人暮らし | 独居老人 | 見守り | 安否確認 | 孤独死 | 寝たきり | 地域包括支援センター | 包括支援センター | 包括 | 年金生活 | 80代 | 90代 | 70代 | 八十代 | 足腰が弱った | 買い物に行けない | 運転免許の返納 | 終活 | 介護離職 | ダブルケア | 祖母の介護 | 祖父の介護 | 母の介護 | 父の介護
elderly=0.9 connection=0.6: 退職後 | 定年後 | 定年退職 | 定年 | シニア | 60代 | 六十代
@latin elderly=1.3: elderly | old age | dementia | nursing care | caregiver | caregiving | idoso | idosa | demência | demencia | cuidador | người già | nguoi gia | chăm sóc | cham soc | sa sút trí tuệ
@cjk elderly=1.3: 老人 | 养老 | 痴呆 | 失智 | 护理 | 照护 | 노인 | 치매 | 요양 | 간병 | 어르신

# ---------------------------------------------------------------- disability
disability=1.3: 障害 | 障がい | 障碍 | しょうがい | 障害者 | 障がい者 | 発達障害 | 発達障がい | 自閉症 | 自閉スペクトラム症 | ASD | ADHD | 注意欠如 | 学習障害 | LD | 知的障害 | 知的障がい | 身体障害 | 身体障がい | 精神障害者保健福祉手帳 | 障害者手帳 | 療育手帳 | 身体障害者手帳 | 手帳 | 障害年金 | 就労支援 | 就労継続支援 | 就労移行支援 | A型作業所 | B型作業所 | 作業所 | 車いす | 車椅子 | 視覚障害 | 目が見えない | 目が見えにくい | 見えにくい | 目が不自由 | 耳が遠い | 聞こえにくい | 聴覚障害 | 耳が聞こえない | 耳が不自由 | ろう者 | 難聴 | 手話 | 筆談 | グレーゾーン | 療育 | 発達の遅れ | 発達が遅い | 言葉が遅い | 特別支援学級 | 特別支援学校 | 障害福祉 | 障害福祉サービス | 生活のしづらさ
@latin disability=1.3: disability | disabled | autism | adhd | wheelchair | deaf | blind | deficiência | deficiencia | autismo | khuyết tật | khuyet tat
@cjk disability=1.3: 残疾 | 残障 | 自闭症 | 장애 | 자폐

# ---------------------------------------------------------------- health
health=1.0 child=0.6: 起立性調節障害 | 起立性 | 立ちくらみ | 朝起きられない
health=1.3: 病気 | 持病 | 難病 | 指定難病 | がん | 癌 | ガン | 治療 | 入院 | 退院 | 手術 | 医療費 | 医療 | 病院 | 病院に行けない | 病院代 | 薬代 | 通院 | 診察 | 体調 | 体調が悪い | 体調不良 | 具合が悪い | 体が痛い | 痛み | 慢性疾患 | 糖尿病 | 高血圧 | 心臓病 | 脳卒中 | 認知機能 | 感染症 | コロナ | 後遺症 | 健康 | 健康診断 | 検診 | 保健師 | 保健センター | 医者 | 医師 | 看護 | 訪問看護 | 在宅医療 | 療養 | 闘病 | 余命 | 緩和ケア | 歯医者 | 歯が痛い | 熱がある | 咳 | アレルギー | 肝炎 | HIV | エイズ | 性感染症 | 健康保険 | 保険証 | 無保険 | 医療ソーシャルワーカー | 病状 | 体が動かない | 寝込んでいる
@latin health=1.3: sick | illness | hospital | doctor | medical | medicine | health | disease | cancer | doente | doença | doenca | hospital | médico | medico | saúde | saude | bệnh | benh | bệnh viện | benh vien | bác sĩ | bac si | sức khỏe | suc khoe
@cjk health=1.3: 生病 | 医院 | 看病 | 医疗 | 疾病 | 병원 | 질병 | 아프 | 의료 | 건강

# ---------------------------------------------------------------- abuse
abuse=1.5: DV | ドメスティックバイオレンス | 家庭内暴力 | 暴力 | 暴力をふるわれる | 暴力を振るわれる | 殴られる | 殴られた | 叩かれる | たたかれる | 蹴られる | どつかれる | どつく | しばかれる | 手を出される | 暴言 | 怒鳴られる | 虐待 | 児童虐待 | 高齢者虐待 | 障害者虐待 | ネグレクト | 育児放棄 | 性暴力 | 性被害 | 性的虐待 | レイプ | 強制性交 | 痴漢 | 盗撮 | デートDV | モラハラ夫 | 精神的DV | 経済的DV | 生活費を渡さない | 支配される | 束縛 | 監視される | 携帯をチェックされる | スマホをチェックされる | 自由がない | 行動を制限される | お金を取り上げられる | 泣き叫ぶ声 | 子どもの泣き声 | 怒鳴り声 | 通報したい | 夫が怖い | 妻が怖い | 彼氏が怖い | 彼女が怖い | 恋人が怖い | パートナーが怖い | 親から暴力 | 親に殴られる | 親に叩かれる | 虐待されている | 虐待かもしれない | 手をあげられる | 手を上げられる | 首を絞められた | 逃げたい | 保護命令 | 配偶者暴力 | 女性相談 | 面前DV | 体にあざ | あざがある
abuse=1.0 family=0.5: 夫の暴力 | 妻の暴力 | 夫から暴力 | 妻から暴力
@latin abuse=1.5: domestic violence | abuse | abused | abusive | violence | beaten | hits me | rape | sexual assault | violência | violencia | agressão | agressao | abuso | me bate | bate em mim | apanho | bạo lực | bao luc | bạo hành | bao hanh | ngược đãi | bị đánh | bi danh | chồng đánh | chong danh | đánh tôi | danh toi
@cjk abuse=1.5: 家暴 | 家庭暴力 | 虐待 | 暴力 | 性侵 | 打我 | 가정폭력 | 폭력 | 학대 | 성폭력 | 맞았 | 때려 | 때리 | 맞아 | 폭행

# ---------------------------------------------------------------- family
family=0.5: 家族 | 家庭 | 実家 | 彼氏 | 彼女
family=1.3: 家族関係 | 家族のこと | 家族との関係 | 家族と不仲 | 家族仲 | 夫婦 | 夫婦関係 | 夫婦げんか | 夫婦喧嘩 | 喧嘩 | けんか | 口論 | 離婚 | 離婚したい | 別居 | 親権 | 養育費 | 面会交流 | 浮気 | 不倫 | 嫁姑 | 嫁と姑 | 義母 | 義父 | 義理の親 | 親子関係 | 親子げんか | 親との関係 | 親と仲が悪い | 兄弟 | 姉妹 | きょうだい | 親戚 | 人間関係 | 近所トラブル | 近所とのトラブル | 親とうまくいかない | 夫とうまくいかない | 妻とうまくいかない | 家族とうまくいかない | 親と合わない | 義理の母 | 義理の父 | 姑 | 舅 | 関係がうまくいかない | 友人関係 | 死別 | 亡くなる | 亡くした | 亡くなった | 亡くなって | 亡くす | 他界 | 先立たれる | 先立たれた | ~死んだ | ~死んで | ~死んでしまった | 葬儀 | 葬式 | お葬式 | 喪失 | 遺族 | グリーフ | 看取り | 後を追いたい | 四十九日 | 法事 | 再婚 | 結婚 | 婚活 | 恋愛 | 失恋 | 家庭の問題 | 家庭不和 | 家庭環境 | 親と同居 | 夫と合わない | 妻と合わない | 夫が話を聞かない | ペットロス
@latin family=1.3: family | divorce | marriage | bereavement | grief | funeral | passed away | died | família | familia | divórcio | divorcio | luto | gia đình | gia dinh | ly hôn | ly hon
@latin family=0.4: husband | wife | marido | esposa | chồng | vợ
@cjk family=1.3: 家庭 | 离婚 | 丧亲 | 去世 | 夫妻 | 가족 | 이혼 | 사별 | 돌아가
@cjk family=0.4: 남편 | 아내 | 丈夫 | 妻子

# ---------------------------------------------------------------- legal
legal=1.3: 法律 | 法律相談 | 弁護士 | 司法書士 | 法テラス | 裁判 | 訴える | 訴えられた | 訴訟 | 調停 | 示談 | 詐欺 | 特殊詐欺 | オレオレ詐欺 | 振り込め詐欺 | 還付金詐欺 | 架空請求 | ワンクリック詐欺 | 投資詐欺 | ロマンス詐欺 | だまされた | 騙された | 悪質商法 | 悪質な業者 | 悪徳業者 | 訪問販売 | 押し売り | 点検商法 | 契約 | 高額な契約 | 解約 | 解約できない | クーリングオフ | クーリング・オフ | 消費者トラブル | 消費生活センター | 消費生活 | 返品 | 返金 | 定期購入 | ネット通販 | 通販トラブル | 相続 | 遺言 | 遺産 | 成年後見 | 後見人 | 家族信託 | 登記 | 損害賠償 | 慰謝料 | 保証人 | 連帯保証人 | 権利 | 法的 | 内容証明 | 請求書が届いた | 身に覚えのない請求 | 買わされる | 買わされた | 健康食品 | 請求書 | 業者 | 勧誘 | しつこい勧誘 | 変な電話 | 不審な電話 | 怪しい電話 | 振り込んでしまった | お金を払ってしまった | お金が戻ってこない | 振り込んだお金 | 商品が届かない | 買ったものが届かない | 注文したものが届かない | ネットで買った | 返金されない | 契約トラブル | 不当な請求 | 高額請求
legal=1.0 family=0.6: 遺品 | 遺品整理 | 死亡届 | 葬儀の手続き | 死後の手続き | 相続放棄
@latin legal=1.3: lawyer | legal | law | scam | scammed | cheated | fraud | contract | inheritance | advogado | jurídico | juridico | fraude | golpe | contrato | luật sư | luat su | lừa đảo | lua dao | hợp đồng | hop dong
@cjk legal=1.3: 法律 | 律师 | 诈骗 | 合同 | 변호사 | 법률 | 사기 | 계약

# ---------------------------------------------------------------- foreign
foreign=1.5: 外国人 | 外国籍 | 在留資格 | 在留カード | ビザ | 永住 | 帰化 | 入管 | 出入国 | 技能実習 | 技能実習生 | 留学生 | 日本語が話せない | 日本語がわからない | 日本語が分からない | 日本語ができない | 日本語がわかりません | 日本語が苦手 | 日本語教室 | 通訳 | 翻訳 | 多言語 | 母国 | 国際結婚 | 外国から来た | 日本に来たばかり | 言葉が通じない | 言葉がわからない | やさしい日本語 | 難民 | 外国にルーツ
@latin foreign=1.5: english | foreigner | foreign | visa | immigration | residence card | residence status | japanese | don't speak japanese | dont speak japanese | i don't speak | interpreter | translation | estrangeiro | estrangeira | brasileiro | português | portugues | japonês | japones | người nước ngoài | nguoi nuoc ngoai | tiếng nhật | tieng nhat | thị thực | thi thuc | tagalog | nepali | español | espanol
@cjk foreign=1.5: 外国人 | 签证 | 中文 | 汉语 | 不会日语 | 日语 | 在留 | 외국인 | 비자 | 한국어 | 일본어 | 체류
@cjk foreign=0.6: 帮助 | 救命 | 도와 | 도움
@latin foreign=0.6: help | ajuda | giúp | giup | ayuda | tulong
@cjk foreign=0.15: 请 | 我 | 的 | 吗 | 요 | 니다 | 는 | 어요

# ---------------------------------------------------------------- crime
crime=1.5: 犯罪 | 犯罪被害 | 被害にあった | 被害に遭った | 被害者 | 犯罪の被害 | 事件 | 事件に巻き込まれた | 加害者 | ストーカー | つきまとい | つきまとわれる | 付きまとわれる | 後をつけられる | 待ち伏せ | 盗難 | 泥棒 | 空き巣 | 強盗 | ひったくり | 窃盗 | 脅迫 | 脅される | 恐喝 | 傷害 | 暴行 | 交通事故の被害 | ひき逃げ | 殺人 | 遺族支援 | 非行 | 少年院 | 刑務所 | 出所 | 出所後 | 服役 | 前科 | 保護観察 | 更生 | 立ち直り | 再犯 | 逮捕 | 警察 | 補導 | 闇バイト | リベンジポルノ | ネットで晒された | 誹謗中傷 | 名誉毀損
@latin crime=1.5: crime | victim | stalker | stalking | robbed | theft | police | prison | crime | vítima | vitima | roubo | polícia | policia | tội phạm | toi pham | nạn nhân | nan nhan | cảnh sát | canh sat
@cjk crime=1.5: 犯罪 | 受害 | 跟踪 | 被盗 | 警察 | 범죄 | 피해 | 스토커 | 경찰

# ---------------------------------------------------------------- addiction
addiction=1.5: 依存症 | 依存 | 中毒 | アルコール | アル中 | お酒がやめられない | 酒がやめられない | 酒をやめたい | お酒をやめたい | 飲酒 | 酒浸り | 大酒 | 毎日お酒 | お酒に頼 | 酒に溺れる | ギャンブル | パチンコ | パチスロ | スロット | 競馬 | 競艇 | 競輪 | オンラインカジノ | カジノ | 賭け事 | 賭博 | 薬物 | 覚醒剤 | 覚せい剤 | 大麻 | 危険ドラッグ | シンナー | 市販薬の乱用 | 薬物乱用 | ゲーム依存 | ゲーム障害 | ゲームがやめられない | ゲームばかり | スマホ依存 | ネット依存 | 課金がやめられない | 課金 | 買い物依存 | 買い物がやめられない | 断酒 | 断酒会 | やめられない | 止められない | やめたいのにやめられない | タバコがやめられない | 禁煙 | ニコチン
addiction=1.2 family=0.4: 夫の酒 | 父の酒 | 酒癖 | 酒乱
@latin addiction=1.5: addiction | addicted | alcohol | alcoholic | drinking | gambling | drugs | gaming addiction | vício | vicio | álcool | alcool | jogo | drogas | nghiện | nghien | rượu | ruou | cờ bạc | co bac | ma túy | ma tuy
@cjk addiction=1.5: 上瘾 | 成瘾 | 酗酒 | 赌博 | 毒品 | 중독 | 알코올 | 도박 | 마약

# ---------------------------------------------------------------- lgbtq
lgbtq=1.6: LGBT | LGBTQ | LGBTQ+ | LGBTQIA | セクシュアルマイノリティ | 性的マイノリティ | 性的少数者 | 同性愛 | 同性愛者 | ゲイ | レズビアン | バイセクシュアル | バイセクシャル | トランスジェンダー | トランス | Xジェンダー | ノンバイナリー | アセクシュアル | クエスチョニング | 性同一性障害 | 性別違和 | 性自認 | 性的指向 | 体の性と心の性 | 心の性 | 同性のパートナー | 同性パートナー | パートナーシップ制度 | パートナーシップ宣誓 | カミングアウト | アウティング | 同性が好き | 同性を好きになる | 男性を好きになる自分 | 女性を好きになる自分 | 男が好きな男 | 女が好きな女 | 自分の性別 | 性のあり方 | 性の悩み | SOGI
@latin lgbtq=1.6: lgbt | lgbtq | gay | lesbian | bisexual | transgender | trans | queer | non-binary | nonbinary | coming out | sexual orientation | gender identity | homossexual | đồng tính | dong tinh | chuyển giới | chuyen gioi
@cjk lgbtq=1.6: 同性恋 | 同性戀 | 跨性别 | 性少数 | 동성애 | 성소수자 | 트랜스젠더 | 게이 | 레즈비언

# ---------------------------------------------------------------- disaster
disaster=1.5: 災害 | 被災 | 被災者 | 被災した | 被災地 | 地震 | 津波 | 台風 | 大雨 | 豪雨 | 洪水 | 浸水 | 床上浸水 | 床下浸水 | 水害 | 土砂崩れ | 土砂災害 | 火事 | 火災 | 家が燃えた | 停電 | 断水 | 避難 | 避難所 | 避難場所 | 避難したい | 避難できない | 避難行動要支援者 | 防災 | り災証明 | 罹災証明 | 被災証明 | 義援金 | 支援物資 | 南海トラフ | 災害が怖い | 災害の備え | 倒壊 | 半壊 | 全壊 | 雨漏り
@latin disaster=1.5: disaster | earthquake | typhoon | flood | flooded | evacuation | evacuate | shelter | tsunami | fire | desastre | terremoto | enchente | inundação | inundacao | tufão | tufao | thiên tai | thien tai | động đất | dong dat | bão | lũ lụt | lu lut | sơ tán | so tan
@cjk disaster=1.5: 灾害 | 地震 | 台风 | 洪水 | 避难 | 재난 | 지진 | 태풍 | 홍수 | 대피
"""

# A crisis word that also names something else when these words are near it:
# OD is also 起立性調節障害 (orthostatic dysregulation), common among pupils.
CRISIS_EXCEPTIONS = {
    "OD": ("起立", "朝起き", "立ちくらみ", "めまい", "調節障害"),
}

# Words that say who the worry is about. They do not point to a need on their
# own; the ranking uses them to prefer services for families or supporters.
ASKING_FOR = {
    "family": (
        "息子 | 娘 | 夫 | 妻 | 旦那 | 嫁 | 主人 | 母 | 父 | 母親 | 父親 | 親 | 両親 | お母さん | お父さん | おかん | おとん | "
        "祖母 | 祖父 | おばあちゃん | おじいちゃん | 兄 | 姉 | 弟 | 妹 | 家族 | 子ども | 子供 | うちの子 | 孫 | 義母 | 義父 | 彼氏 | 彼女 | パートナー"
    ),
    "friend": "友達 | 友だち | 友人 | 知人 | 同僚 | 近所の人 | 隣の人",
    "supporter": "支援者 | 利用者 | 民生委員 | ケアマネ | 相談員 | 職員 | 担当しているケース | 生徒が | 教え子",
}

# Age words: point the ranking to services for that age group.
AGE_GROUPS = {
    "child": "小学生 | 中学生 | 高校生 | 子ども | 子供 | 児童 | 生徒 | 10代 | 十代 | 僕は中学",
    "youth": "若者 | 20代 | 30代 | 二十代 | 三十代 | 大学生 | 学生 | 若い",
    "elderly": "高齢 | 高齢者 | 年寄り | 老人 | 70代 | 80代 | 90代 | 年金生活 | シニア | 祖母 | 祖父 | 老後",
}

# Channel words: how the person wants to reach someone. 'text' means any
# written channel (a deaf person, or someone who cannot speak aloud at home).
CHANNEL_WORDS = {
    "phone": "電話 | 電話で",
    "chat": "チャット | LINE | ライン | SNS | メッセージ",
    "mail": "メール | 手紙",
    "visit": "窓口 | 会って | 直接会って | 対面 | 行ける",
    "text": "耳が聞こえない | 聴覚障害 | ろう者 | 難聴 | 声が出せない | 話すのが苦手 | 電話が苦手 | 電話は苦手 | 電話できない | 声を出せない",
}
