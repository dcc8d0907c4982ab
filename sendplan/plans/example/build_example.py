"""Write the fictional example plan, ``example-plan.docx``, beside this script.

Run: ``.venv/bin/python sendplan/plans/example/build_example.py``. The plan, its partnership and every
person in it are invented. The document is written as a partnership would write it in Word: a Title,
headings for the priorities (Heading 2) and action references (Heading 3), bold question labels, and
"List Bullet" paragraphs for the items. ``make run`` imports it.
"""

from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "example-plan.docx"

TITLE = "Riverside Local Area SEND and AP Partnership Improvement Plan 2025–28"

INTRODUCTION = [
    "This is the improvement plan of the Riverside Local Area SEND and Alternative Provision (AP) "
    "Partnership: Riverside Borough Council, NHS Riverside and Vale Integrated Care Board, Riverside "
    "Community Health Trust, Riverside Parent Carer Forum and the Riverside Voluntary Sector Alliance.",
    "We wrote it together with families and with the children and young people who use our services. "
    "It sets out three priorities for the next three years, what we will do under each one, and how we "
    "will know that children’s lives are better as a result.",
    "The SEND and AP Partnership Board checks progress every month. Each action has a named lead, who "
    "reports on it before each board meeting, and the Parent Carer Forum co-chairs the board.",
]

GOVERNANCE = [
    "Progress against every action is reported to the SEND and AP Partnership Board each month and to "
    "the council’s Children’s Scrutiny Committee twice a year. We publish a summary for families on the "
    "Local Offer website after every board meeting.",
]

LABELS = {
    "what": "What will we do?",
    "how": "How will we achieve this?",
    "impact": "What impact will this have?",
    "measures": "How will we know we have achieved?",
}

PRIORITIES = [
    {
        "title": "Every voice heard",
        "voice": [
            "“Ask me, not just my mum. I know what helps me.”",
            "“I want to go to the meeting about my plan and understand what they are saying.”",
        ],
        "actions": [
            {
                "ref": "1a",
                "lead": "Participation Manager, Riverside Borough Council",
                "due": "31 March 2026",
                "status": "Green",
                "what": ["We will set up a young people’s SEND advisory group that meets every half term."],
                "how": [
                    "Recruit at least twelve members aged 11 to 25 through schools, colleges and youth clubs.",
                    "Pay members’ travel and give them vouchers for their time.",
                    "Agree with members how their advice is reported to the Partnership Board.",
                ],
                "impact": ["Young people shape the decisions that affect them, not just comment on them."],
                "measures": [
                    "The group has met six times a year with at least eight members each time.",
                    "Every Partnership Board agenda has an item from the advisory group.",
                ],
            },
            {
                "ref": "1b",
                "lead": "Chair, Riverside Parent Carer Forum",
                "due": "30 September 2026",
                "status": "Amber",
                "what": ["We will co-produce a charter for how professionals work with families."],
                "how": [
                    "Hold six listening events in different parts of the borough, including two in the evening.",
                    "Draft the charter with the Parent Carer Forum and test it with families.",
                ],
                "impact": [
                    "Families know what to expect from every service and can challenge it when it falls short."
                ],
                "measures": [
                    "All partner organisations have signed the charter.",
                    "More families say they are listened to in the annual Parent Carer Forum survey.",
                ],
            },
            {
                "ref": "1c",
                "what": [
                    "We will make sure children’s own views are written in their Education, Health and Care "
                    "(EHC) plans in their own words."
                ],
                "how": [
                    "Train EHC coordinators in ways of gathering views from children who do not speak.",
                    "Add a ‘my views’ page, filled in by the child with support, to every new plan.",
                ],
                "impact": [
                    "Plans describe the child as they see themselves and focus on what matters to them."
                ],
                "measures": ["Quality audits find the child’s own words in at least nine plans out of ten."],
            },
            {
                "ref": "1d",
                "what": ["We will publish what families told us and what we did about it."],
                "how": [
                    "Collect feedback from surveys, events and complaints every quarter.",
                    "Publish a ‘you said, we did’ page on the Local Offer website after each board meeting.",
                ],
                "impact": ["Families can see that speaking up leads to change."],
                "measures": [
                    "A ‘you said, we did’ update is published every quarter.",
                    "Visits to the Local Offer website rise year on year.",
                ],
            },
        ],
    },
    {
        "title": "The right help at the right time",
        "voice": [
            "“I waited so long for someone to help me with my reading that I stopped trying.”",
            "“When my teacher understood my autism, school got a lot better.”",
        ],
        "actions": [
            {
                "ref": "2a",
                "lead": "Head of SEND Services, Riverside Borough Council",
                "due": "31 March 2026",
                "status": "Red",
                "what": ["We will issue more new EHC plans within 20 weeks."],
                "how": [
                    "Recruit four more EHC coordinators and an educational psychologist.",
                    "Track every request weekly and act on any that are at risk of running late.",
                    "Agree deadlines for health and social care advice with each provider.",
                ],
                "impact": ["Children get the support in their plan sooner."],
                "measures": [
                    "At least 60% of new EHC plans are issued within 20 weeks by March 2026, and 80% by March 2027.",
                ],
            },
            {
                "ref": "2b",
                "lead": "Designated Clinical Officer, NHS Riverside and Vale ICB",
                "due": "31 December 2026",
                "status": "Amber",
                "what": ["We will shorten waits for speech and language therapy."],
                "how": [
                    "Offer drop-in advice sessions for parents of pre-school children in family hubs.",
                    "Train a speech and language champion in every primary school.",
                ],
                "impact": [
                    "Children’s communication needs are met earlier, often without a referral.",
                    "Therapists spend more of their time with the children who need them most.",
                ],
                "measures": [
                    "Nobody waits longer than 18 weeks for a first appointment.",
                    "Referrals from schools with a trained champion fall by a quarter.",
                ],
            },
            {
                "ref": "2c",
                "what": ["We will help mainstream schools meet more needs through SEN support."],
                "how": [
                    "Publish a borough-wide guide to what every school will provide before asking for an EHC needs assessment.",
                    "Give every SENDCO a termly visit from the inclusion support team.",
                ],
                "impact": ["More children do well in their local school without needing an EHC plan."],
                "measures": [
                    "Fewer requests for EHC needs assessments are turned down because support was not tried first.",
                    "Fewer children with SEN support are suspended from school.",
                ],
            },
            {
                "ref": "2d",
                "lead": "Head of Inclusion and Alternative Provision",
                "due": "31 July 2027",
                "status": "Not started",
                "what": [
                    "We will improve the quality of alternative provision and keep track of every child placed there."
                ],
                "how": [
                    "Check every alternative provision setting against a shared quality framework each year.",
                    "Review each child’s placement every six weeks with their school and family.",
                ],
                "impact": [
                    "Children in alternative provision learn well and return to school when they are ready."
                ],
                "measures": [
                    "Every setting has a quality check each year.",
                    "More children return to a school place within two terms.",
                ],
            },
            {
                "ref": "2e",
                "what": ["We will support the mental health of children waiting for an assessment."],
                "how": [
                    "Extend mental health support teams to every secondary school.",
                    "Give families on a waiting list a named contact and a guide to help while they wait.",
                ],
                "impact": ["Children and families are not left without help while they wait."],
                "measures": ["Families on waiting lists say they know who to contact."],
            },
        ],
    },
    {
        "title": "Ready for adult life",
        "voice": [
            "“I want a proper job, not just volunteering forever.”",
            "“Nobody told me what would happen when I left school.”",
        ],
        "actions": [
            {
                "ref": "3a",
                "lead": "Preparing for Adulthood Lead",
                "due": "31 March 2027",
                "status": "Green",
                "what": [
                    "We will start planning for adult life at the Year 9 annual review for every young person."
                ],
                "how": [
                    "Give schools a preparing-for-adulthood checklist for Year 9 reviews.",
                    "Invite adult social care and health to reviews where they will be needed after 18.",
                ],
                "impact": [
                    "Young people and families know the options and choices well before the age of 16."
                ],
                "measures": [
                    "Every Year 9 review records goals for employment, housing, health and friendships."
                ],
            },
            {
                "ref": "3b",
                "what": ["We will create more supported internships with local employers."],
                "how": [
                    "Work with Riverside College and the chamber of commerce to recruit employers.",
                    "Train job coaches to support interns at work.",
                ],
                "impact": ["More young people with SEND move into paid work."],
                "measures": [
                    "Forty supported internships are available each year by 2027.",
                    "At least half of interns are in paid work a year after finishing.",
                ],
            },
            {
                "ref": "3c",
                "what": ["We will make the move from children’s to adult health services smoother."],
                "how": [
                    "Agree a transition protocol between children’s and adult services in every NHS trust.",
                    "Start transition planning at 14 for young people with long-term health conditions.",
                ],
                "impact": [
                    "Young people do not lose care or have to tell their story again when they turn 18."
                ],
                "measures": ["Young people say their move to adult services was well planned."],
            },
            {
                "ref": "3d",
                "lead": "Head of Youth Services",
                "due": "31 March 2028",
                "status": "Green",
                "what": [
                    "We will reduce the number of young people with SEND who are not in education, "
                    "employment or training (NEET)."
                ],
                "how": [
                    "Give a careers adviser to every young person with an EHC plan from Year 10.",
                    "Keep in touch with every young person with SEND for a year after they leave school.",
                ],
                "impact": ["Young people with SEND stay in learning or work after 16."],
                "measures": [
                    "The share of 16 to 17 year olds with SEND who are NEET falls to the England average."
                ],
            },
        ],
    },
]


def build(path: Path = OUTPUT, priorities: list[dict] | None = None) -> Path:
    """Write the plan to ``path``; tests pass altered ``priorities`` to make a revised version."""
    document = Document()
    document.core_properties.title = TITLE
    document.core_properties.author = "Riverside Local Area SEND and AP Partnership"
    document.styles["Normal"].font.size = Pt(11)

    document.add_paragraph(TITLE, style="Title")
    document.add_heading("Introduction", level=1)
    for text in INTRODUCTION:
        document.add_paragraph(text)
    document.add_heading("How we check progress", level=1)
    for text in GOVERNANCE:
        document.add_paragraph(text)

    document.add_heading("Our plan", level=1)
    for number, priority in enumerate(priorities or PRIORITIES, start=1):
        document.add_heading(f"Priority {number}: {priority['title']}", level=2)
        document.add_paragraph("What children and young people told us:")
        for quote in priority["voice"]:
            document.add_paragraph(quote)
        for action in priority["actions"]:
            document.add_heading(action["ref"], level=3)
            for key, label in LABELS.items():
                document.add_paragraph().add_run(label).bold = True
                for item in action[key]:
                    document.add_paragraph(item, style="List Bullet")
            if action.get("lead"):
                document.add_paragraph(f"Lead: {action['lead']}")
            if action.get("due"):
                document.add_paragraph(f"Target date: {action['due']}")
            if action.get("status"):
                document.add_paragraph(f"Status: {action['status']}")
    document.save(path)
    return path


if __name__ == "__main__":
    print(build())
