"""What each committed import fixture must become: one ArticleRecord per story, written out by hand.

`published_at=None` means the file prints no date (the run's --published decides).
"""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from articles.importers.records import ArticleRecord, BylineRecord, PhotoRecord

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SEOUL = ZoneInfo("Asia/Seoul")

SEED_PARAGRAPH_OPENINGS = [
    "President Park Geun-hye held talks yesterday with Jack Ma,",
    "Their meeting comes a month and a half after Ma last visited Seoul",
    "On the sidelines of the summit, big names from both Korea and China",
    "“I found the last business forum quite meaningful,” Park told Ma.",
    "The 51-year-old entrepreneur, who is known to be fluent in English,",
    "Ma also told Park he was visiting Seoul for a third time in four months.",
    "During the sixth regular meeting with government officials",
    "She also requested Ma’s support",
    "The president told her Chinese counterpart",
    "Set for a New York listing this fall,",
]

TEXT = {
    "chipmakers-three-bylines.txt": ArticleRecord(
        headline="Chipmakers bet on memory rebound",
        sections=["Business", "Industry"],
        paragraphs=[
            "Samsung Electronics & SK Hynix plan to raise spending on memory lines by nearly a fifth next year, "
            "betting that demand from data centers will outrun the slump in smartphone sales.",
            "“We are not building for this quarter, we are building for 2017,” a senior executive at one of the "
            "two companies said on Tuesday, asking not to be named because the plans are not final.",
            "Analysts at a Seoul brokerage called the move “bold but not reckless,” noting that inventories of "
            "DRAM chips have fallen for three straight months.",
            "The government’s “K-Semiconductor Belt” plan, which offers tax credits to firms that invest in "
            "Gyeonggi and North Chungcheong, is expected to cover part of the bill.",
            "Shares of both companies rose more than 2 percent in morning trading on the Kospi.",
        ],
        bylines=[
            BylineRecord("Kim Min-ji", "kim.minji@joongang.co.kr"),
            BylineRecord("Lee Sang-hoon", "lee.sanghoon@joongang.co.kr"),
            BylineRecord("John O'Brien", "obrien.john@joongang.co.kr"),
        ],
        photos=[
            PhotoRecord(
                "Workers in clean-room suits inspect wafers at a production line in Icheon, Gyeonggi, on Tuesday.",
                "Park Sang-moon",
            )
        ],
    ),
    "marathon-no-photo-no-subsection.txt": ArticleRecord(
        headline="Runners brave the cold at the Seoul Marathon",
        sections=["Sports"],
        paragraphs=[
            "More than 20,000 runners set off from Gwanghwamun Square on Sunday morning as temperatures hovered "
            "just above freezing.",
            "Kenya’s Wilson Loyanae won the men’s race in two hours, six minutes and eleven seconds, the fastest "
            "time on Korean soil in four years.",
            "Organizers handed out hot barley tea at every water station, a small touch several foreign runners "
            "said they would remember.",
            "The race closed large parts of Jongno and Jamsil to traffic until early afternoon.",
        ],
        bylines=[BylineRecord("Daniel McKenzie", "dmckenzie@joongang.co.kr")],
    ),
    "subway-fares-wire.txt": ArticleRecord(
        headline="Subway fares to rise 150 won in April",
        sections=["National", "Social Affairs"],
        paragraphs=[
            "Seoul will raise the basic subway and bus fare by 150 won from April, the city government said on "
            "Tuesday, the first increase in three years.",
            "The city said the transit operators lost more than 400 billion won last year, largely because of "
            "free rides for people aged 65 or older.",
            "Civic groups criticized the timing, saying households were already squeezed by rising rents.",
        ],
        bylines=[BylineRecord("Yonhap", is_agency=True)],
        photos=[PhotoRecord("Commuters board a train at Seoul Station on Tuesday.", "YONHAP")],
        published_at=datetime(2015, 11, 3, 19, 21, tzinfo=SEOUL),
    ),
    "hanok-bom-legacy-id.txt": ArticleRecord(
        headline="Hanok stays draw a new kind of tourist",
        sections=["Culture", "Travel"],
        paragraphs=[
            "Traditional hanok guesthouses in Bukchon and Jeonju were fully booked for most of the autumn, "
            "according to the Korea Tourism Organization.",
            "Owners say many guests come for ondol, the heated floor, and stay for the quiet.",
            "“People tell me they sleep better on the floor than in any hotel,” said one owner in Jeonju, who "
            "has run her house for eleven years.",
            "The organization plans to certify another 200 houses by 2017.",
        ],
        bylines=[BylineRecord("Jeong Hye-rin", "jeong.hyerin@joongang.co.kr")],
        photos=[
            PhotoRecord(
                "A guest reads on the wooden floor of a guesthouse in Bukchon, central Seoul.", "JOONGANG ILBO"
            ),
            PhotoRecord("A courtyard at night at a guesthouse in Jeonju, North Jeolla.", "AP/YONHAP"),
        ],
        # The page prints when it was published and when updated: publication wins.
        published_at=datetime(2015, 12, 1, tzinfo=SEOUL),
        legacy_id="3012345",
    ),
    "kimjang-korean-words.txt": ArticleRecord(
        headline="Kimjang season brings neighbors together",
        sections=["Culture", "Food"],
        paragraphs=[
            "Every November, families across Korea gather for kimjang (김장), the making of enough kimchi to last "
            "through the winter.",
            "This year a community center in Mapo District invited 300 single-person households to join in, "
            "handing each a container to take home.",
            "“It is not only about food. It is about jeong (정), the warmth between people,” said the center’s "
            "director, Shin Kyung-ja.",
            "Prices of napa cabbage fell 30 percent from a year earlier after a good harvest, the Korea "
            "Agro-Fisheries & Food Trade Corporation said.",
        ],
        bylines=[BylineRecord("Shin Min-hee", "shin.minhee@joongang.co.kr")],
        photos=[
            PhotoRecord(
                "Volunteers season napa cabbage at a community center in Mapo District, western Seoul.", "NEWSIS"
            )
        ],
        published_at=datetime(2016, 11, 12, tzinfo=SEOUL),
    ),
    "budget-editorial-crlf.txt": ArticleRecord(
        headline="A budget that looks past the election",
        sections=["Opinion", "Editorials"],
        paragraphs=[
            "The government's budget for next year is larger than any before it, and it arrives four months "
            "before a general election.",
            "Spending on welfare rises 6 percent; spending on research & development rises less than 1 percent.",
            "The National Assembly should ask a simple question of every line: would it survive if no vote were "
            "at stake?",
        ],
        kind="editorial",
    ),
    "pension-byline-first.txt": ArticleRecord(
        headline="Pension fund posts record return",
        sections=["Business", "Finance"],
        paragraphs=[
            "The National Pension Service earned a return of 11.3 percent last year, its best since the fund was "
            "founded in 1988.",
            "Overseas stocks made up most of the gain, the fund said on Friday.",
            "The fund’s chief investment officer said it would keep raising its share of foreign assets "
            "“step by step.”",
        ],
        bylines=[BylineRecord("Choi Hyun-woo", "choi.hyunwoo@joongang.co.kr")],
    ),
    "typhoon-by-yonhap-ap.txt": ArticleRecord(
        headline="Typhoon forces hundreds of flights to be canceled in Japan",
        sections=["World", "Asia"],
        paragraphs=[
            "A strong typhoon swept across southern Japan on Tuesday, forcing airlines to cancel more than 600 "
            "domestic flights.",
            "Japan’s weather agency warned of landslides and flooding in Kyushu, where up to 500 millimeters of "
            "rain could fall in 24 hours.",
            "Korean Air and Asiana Airlines also canceled flights between Busan and Fukuoka.",
        ],
        bylines=[BylineRecord("Yonhap", is_agency=True), BylineRecord("AP", is_agency=True)],
        photos=[PhotoRecord("Waves crash against a seawall in Kagoshima, southern Japan, on Tuesday.", "AP")],
        published_at=datetime(2016, 8, 9, tzinfo=SEOUL),
    ),
}

JSON = {
    "museum-single.json": [
        ArticleRecord(
            headline="National Museum reopens its Goryeo celadon hall",
            sections=["Culture", "Arts"],
            dek="Two years of work give the hall daylight and room to breathe.",
            kind="feature",
            published_at=datetime(2016, 5, 17, 10, 30, tzinfo=SEOUL),
            legacy_id="3018877",
            bylines=[
                BylineRecord("Yoon So-yeon", "yoon.soyeon@joongang.co.kr"),
                BylineRecord("Mark Hendricks", "hendricks.mark@joongang.co.kr"),
            ],
            photos=[
                PhotoRecord(
                    "Visitors look at a celadon maebyeong vase on Monday.",
                    "NEWSIS",
                    "A pale green vase in a glass case",
                )
            ],
            paragraphs=[
                "The National Museum of Korea reopened its hall of Goryeo celadon on Tuesday after two years of "
                "renovation.",
                "Curators chose 250 pieces, among them the “thousand cranes” vase, known in Korean as 운학문 매병.",
                "Admission is free; the hall is open until 9 p.m. on Wednesdays & Saturdays.",
            ],
        )
    ],
    "briefs-list.json": [
        ArticleRecord(
            headline="Fine dust warning issued for Seoul",
            sections=["National", "Social Affairs"],
            published_at=datetime(2017, 3, 21, tzinfo=SEOUL),
            bylines=[BylineRecord("Yonhap", is_agency=True)],
            paragraphs=[
                "The Ministry of Environment issued a fine dust warning for Seoul and Gyeonggi on Tuesday.",
                "People with heart or lung conditions were told to stay indoors.",
            ],
        ),
        ArticleRecord(
            headline="Cabinet names new trade envoy",
            sections=["National", "Politics"],
            bylines=[BylineRecord("Seo Ji-eun", "spring@joongang.co.kr"), BylineRecord("Kim Min-ji")],
            paragraphs=[
                "The Cabinet named a veteran negotiator as trade envoy on Thursday.",
                "She will lead talks with China and Japan next month.",
            ],
        ),
    ],
}

# Broken files and the reason the command gives for each.
BROKEN = {
    "bad-date.json": "'published' '2015-02-30' is not a date such as '2014-08-28' or '2014-08-28T19:21:00+09:00'",
    "blank.txt": "empty file",
    "empty.txt": "empty file",
    "latin1.txt": "not UTF-8 text (byte 0xe9 at offset 20); save the file as UTF-8",
    "missing-body.json": "article 1: no 'body' (required: headline, section, body)",
    "no-body.txt": "no body paragraphs after the headline",
    "no-headline.txt": "no headline after the breadcrumb",
    "notes.md": "unknown file type (extension '.md'); expected .txt (a saved page) or .json",
    "photo-saved-as.txt": "binary file, not a text page (it contains NUL bytes)",
    "shopping-list.txt": "no breadcrumb line such as 'Home > National > Politics' naming the story's section",
    "truncated.json": "malformed JSON (Unterminated string starting at, line 2 column 11)",
    "wrong-shape.json": "expected a JSON object or a list of objects, found a string",
}
