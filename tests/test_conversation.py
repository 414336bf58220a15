"""Conversation-aware checks: replies judged against the customer's message they answer."""

from __future__ import annotations

import json

import pytest

from brandvoice import Linter
from brandvoice.conversation import infer_context, personal_data

from .conftest import run, write

PERSONA = {
    "name": "Acme Care",
    "contexts": {"complaint": {"require_empathy": True},
                 "question": {"require_next_step": True, "next_step": ["our help centre"]}},
}


@pytest.fixture(scope="module")
def linter():
    return Linter(persona=PERSONA, rulebooks=["builtin:legal-claims"])


@pytest.mark.parametrize("message, context, because", [
    ("@AcmeHelp my parcel never arrived and nobody answers the phone", "complaint",
     "'never arrived'"),
    ("Been on hold for 45 minutes. Absolutely ridiculous service", "complaint",
     "'on hold'"),
    ("Charged twice for the same order?? I want my money back", "complaint", "charged twice"),
    ("This is the worst app update ever, everything is slow now", "complaint", "sentiment"),
    ("I hate how the new checkout keeps crashing", "complaint", "sentiment"),
    ("Hi, what time does the Leeds store open on Sundays?", "question", "question mark"),
    ("How do I change the email on my account", "question", "question word"),
    ("Can I bring my dog on the train", "question", "question word"),
    ("Thank you so much for sorting my refund so quickly, brilliant service!", "praise",
     "sentiment"),
    ("Love the new summer menu @AcmeFood", "praise", "'love'"),
    ("Great job on the app redesign", "praise", "'great'"),
    ("I moved house last week.", "general", "no complaint"),
    ("@AcmeHelp ok", "general", "no complaint"),
    # a breach of expectations is a complaint whatever the mood of its words
    ("my order still says processing", "complaint", "waiting 'still'"),
    ("Thanks for the modem that doesn't work", "complaint", "a failure 'doesn't work'"),
    ("my card was declined twice at the till", "complaint", "a failure 'declined'"),
    ("Neat 🙃 another surprise fee", "complaint", "a complaint word '🙃'"),
    ("Wow, what a product, you guys nailed it!", "praise", "sentiment"),
    # trouble of the customer's own making is a request for help
    ("I forgot my password, how do I reset it?", "question", "question mark"),
    ("I lost my phone in a taxi, can you help me find it?", "question", "question mark"),
    ("I lost my phone in a taxi and your support is useless", "complaint",
     "a complaint word 'useless'"),
    # a problem solved, with thanks, is praise; a problem word alone is weak
    ("The issue was sorted right away, thanks for the help!", "praise", "'thanks'"),
    ("I've got a problem with my bill", "complaint", "a failure 'got a problem'"),
    # what was promised, something gone, a why-question about something missing
    ("It was supposed to arrive on Monday.", "complaint", "a failure 'supposed to'"),
    ("where is my parcel?!", "complaint", "a failure 'where is my parcel'"),
    ("Why is there no vegan option at the Leeds store?", "complaint", "a failure 'why is"),
    ("I've been waiting for 3 hours", "complaint", "for 3 hours"),
    # a judgement said not to be there, and "still" asked about, are no signs
    ("I'm not frustrated, just curious how it works.", "general", "no complaint"),
    ("Will I still get the discount if I order today?", "question", "question mark"),
    # "still" before a state that is fine, and an imperative "hang up", are no waiting
    ("finally booked, and they honoured the lower fare that was still available online",
     "general", "no complaint"),
    ("my attendant said: tell them you love them and hang up", "praise", "'love'"),
    ("they hang up on me every time I call", "complaint", "waiting 'hang up on'"),
    # a failed state said not to be there is no sign; "not working" still is
    ("exporting PDFs with blurry links, but the links are not missing", "complaint",
     "a failure 'blurry'"),
    ("the links are not missing, just checking the export settings", "general",
     "no complaint"),
    ("I'll be in London for 5 days next week", "general", "no complaint"),
    # as customers write them: misspelt, a bug, a mess, answers that disagree
    ("your system dosnt work with paypal", "complaint", "a failure 'dosnt work'"),
    ("Same bug as before. Numbers disappear when I type", "complaint", "a failure 'bug'"),
    ("UR team messed up again lol", "complaint", "a complaint word 'messed up'"),
    ("getting conflicting answers from customer support", "complaint",
     "a failure 'conflicting answers'"),
    ("Is there a bug fix coming?", "question", "question mark"),
    # refusal, the runaround, a promise not kept, silence since, no resolution, sarcasm
    ("They refuse to help me because they cannot validate the account", "complaint",
     "a failure 'refuse'"),
    ("getting the runaround from your store to unlock my phone", "complaint",
     "a failure 'the runaround'"),
    ("i was told i was going to get 1,100 points yet i didn't, do i have to wait?",
     "complaint", "a failure 'yet i didn't'"),
    ("Had an email saying it had been dispatched but nothing since.", "complaint",
     "a failure 'nothing since'"),
    ("I've talked to a supervisor with no resolution", "complaint", "waiting 'no resolution'"),
    ("Closed my case without any explanation", "complaint",
     "waiting 'without any explanation'"),
    ("Wasn't told, conveniently forgot to mention that fee", "complaint",
     "a complaint word 'conveniently'"),
    # an obligation lifted is good news, not a failure
    ("Someone added a credit so next time I won't have to pay for them. Thank you!",
     "praise", "'thank'"),
    # whatever the customer could not do is a failure, but a figure of speech
    ("Unable to unlock the shared folder. How do I stop this?", "complaint",
     "a failure 'unable to unlock'"),
    ("I'm not a student anymore and can't reverify.", "complaint", "a failure 'can't reverify'"),
    ("Great value, you can't beat the price", "praise", "'great'"),
    ("Clarence could not have been more helpful", "general", "no complaint"),
    ("unable to contain my excitement for the new Zelda!!", "praise", "sentiment"),
    ("couldn't be happier with the crew today", "general", "no complaint"),
    ("you can't go wrong with the dollar spot, love it", "praise", "'love'"),
    ("I didn't need any help setting it up, so easy", "general", "no complaint"),
    ("You can't help me? Then who can?", "complaint", "a failure 'can't help'"),
    # the customer's own plans and memory are a request for help
    ("unable to attend on Friday, can I move my booking?", "question", "question mark"),
    # something not needed, a problem said absent, a "can't" opening a sentence
    ("Travelling with my dog, no assistance needed at the gate. Can she sit at my feet?",
     "question", "question mark"),
    ("8 years on and still no complaints about my laptop", "general", "no complaint"),
    ("Can't wait to fly with you again!", "general", "no complaint"),
    # words of complaint in an innocent sense, in a positive message
    ("The lounge is conveniently right by gate B12, love it", "praise", "'love'"),
    ("Without any warning the app updated overnight and the new look is great", "praise",
     "'great'"),
    ("six episodes in, it stops working", "complaint", "a failure 'stops working'"),
    ("We've had no broadband since 9am", "complaint", "waiting 'no broadband'"),
    # a hashtag's words are read too; "#NotDisappointed" says the opposite of "#NotHappy"
    ("booked us into a closed hotel #disappointed", "complaint",
     "a complaint word 'disappointed'"),
    ("3 members of staff and I am served this. #ThanksForNothing", "complaint",
     "a complaint word 'thanks for nothing'"),
    ("Love the new menu #NotDisappointed", "praise", "'love'"),
    ("Another delay today #EpicFail", "complaint", "'#epicfail'"),
    # something no longer done, no word of what happens
    ("Chipotle is no longer serving chorizo", "complaint", "a failure 'no longer serving'"),
    ("sitting at the gate without any updates", "complaint", "waiting 'without any updates'"),
    # the customer's own courtesy, or excitement, is no negative sentiment
    ("Sorry to bother you again. Are they direct flights?", "question", "question mark"),
    ("We can't wait! 😆", "general", "no complaint"),
    # not charged is no failure; a DM dropped is one sent
    ("They aren't charging for extra meat today. Day is made", "general", "no complaint"),
    ("my phone isn't charging since the update", "complaint", "a failure 'isn't charging'"),
    ("Have dropped you a DM with the details", "general", "no complaint"),
    ("Dropped you guys a message with the details", "general", "no complaint"),
    # what cannot be used, time lost in a queue, a connection missed
    ("the ads are 4 minutes long now, every 10 mins. unwatchable", "complaint",
     "a complaint word 'unwatchable'"),
    ("90 mins in the security queue again, nearly missed my flight", "complaint",
     "waiting '90 mins in the security queue'"),
    # what arrived spoiled, a machine that will not take a card, a price called robbery
    ("my burger arrived upside down and the bun was soaked through", "complaint",
     "a failure 'arrived upside down', 'soaked through'"),
    ("been at the locker 20 mins and it won't take my code", "complaint",
     "a failure 'won't take'"),
    ("it doesn't take long to set up, love it", "praise", "'love'"),
    ("£7.50 for a small popcorn is daylight robbery", "complaint",
     "a charge 'daylight robbery'"),
    ("found a slug in my bagged salad", "complaint", "a serious incident 'a slug in my bagged salad'"),
    # not told, not warned; an excuse
    ("Wasn't told I had to when speaking to you, conveniently forgot to tell me", "complaint",
     "a failure 'wasn't told'"),
    ("So please none of these as an excuse!", "complaint", "a complaint word 'excuse'"),
    ("Excuse me, I have two songs on your service", "general", "no complaint"),
    # a fee that jumped, a charge to reverse, what they pay for, a plea, a fairness question
    ("So my $12 ride just turned into $387. Really ???", "complaint",
     "a charge 'turned into $387'"),
    ("pls advise & reverse the charges", "complaint", "a charge 'reverse the charges'"),
    ("i pay 200 a month for 12 hours of this? Thats what im paying for?", "complaint",
     "a charge 'what im paying for'"),
    ("please make this stop!!!", "complaint", "a complaint word 'make this stop'"),
    ("I could lose it with the new version... is this true and if so is this fair",
     "complaint", "a complaint word 'is this fair'"),
    ("is it fair to ask for a new case manager?", "question", "question mark"),
    ("please get service back in New Hampshire tonight", "complaint",
     "a complaint word 'get service back'"),
    # something undone without the customer knowing why; done by the customer, no failure
    ("I got all of my stats reset and I don't know why. please help!!!", "complaint",
     "a failure 'and i don't know why'"),
    ("my account was deleted overnight", "complaint", "a failure 'was deleted'"),
    ("I got it reset at the store and it works now, thanks!", "praise", "'thanks'"),
    # harm done to the customer's things by someone else; their own doing is no failure
    ("your update deleted all my presets", "complaint", "a failure 'deleted'"),
    ("the driver literally threw my parcel over the gate", "complaint", "a failure 'threw'"),
    ("we accidentally deleted all our photos, can they be restored?", "question",
     "question mark"),
    # a failure told before the customer's loss still counts
    ("game crashed mid-raid and I lost all my stamina potions", "complaint",
     "a failure 'crashed'"),
    # a price gone up again, a feeling, money wasted
    ("price up AGAIN?! third rise in 18 months", "complaint", "a charge 'price up'"),
    ("my salary's been pending since 6am, really stressed", "complaint",
     "a complaint word 'stressed'"),
    ("you've changed the recipe and my cat won't touch it. 3 bags wasted", "complaint",
     "'wasted'"),
    ("got 7 substitutions, oat milk for cat food?? what is going on", "complaint",
     "'what is going on'"),
    # a service that barely works, a sleepless night, goods arrived damaged, cold food
    ("broadband crawling every evening, can barely stream", "complaint", "'crawling'"),
    ("kept awake all night by the bar downstairs", "complaint", "'kept awake'"),
    ("kettle arrived with a cracked lid", "complaint", "'arrived with a cracked'"),
    ("burger was burnt to a crisp and the fries were cold", "complaint", "'fries were cold'"),
    # goods come apart, a save corrupted, a bus that drove past, a crowd, a wait told as
    # its length, a bill too high, a card swallowed
    ("New top's seam came apart on the first wear.", "complaint", "'came apart'"),
    ("Patch corrupted my save, 200 hours gone.", "complaint", "'corrupted'"),
    ("Bus went straight past me in the rain this morning.", "complaint",
     "'went straight past me'"),
    ("Packed like sardines on the Saturday 10:02.", "complaint", "'packed like sardines'"),
    ("Hour and a half for mains on Saturday.", "complaint", "'hour and a half for'"),
    ("Why is my bill so high this quarter??", "complaint", "'bill so high'"),
    ("Ticket machine at Drogheda ate my €20 and gave no ticket.", "complaint", "'ate my"),
    # a length of time asked about is a question
    ("2 hours for a massage, how much?", "question", "question mark"),
    # a flight missed because of someone else, in a message of thanks
    ("the concert I missed my flight for because of another airline, thank you again guys 💕",
     "praise", "'thank'"),
])
def test_context_is_read_from_the_customer_message(message, context, because):
    inferred = infer_context(message)
    assert inferred.context == context, inferred
    assert because in inferred.reason


@pytest.mark.parametrize("message, words, distressed", [
    # words two kinds of sign both find are one sign, and one sign is no distress
    ("Are you having issues with the Mail app?", ("having issues",), False),
    ("Cupertino, we have a problem.", ("have a problem",), False),
    # the same word twice is one sign too
    ("The issue with invites is back, the same issue as last week", ("issue", "issue"),
     False),
    # two signs in different words are distress
    ("I've lost my channels and the others are glitchy.", ("lost", "glitchy"), True),
    # "help me" asked politely is no plea; "please help me" is
    ("hello, I'm having an issue with a same day order. Can you help me?",
     ("having an issue",), False),
    ("I'm having an issue with a same day order, please help me", ("having an issue",),
     True),
    # a request for the way on shows no distress, unless a complaint word says so
    ("Found it!! But doesn't seem to work, can you check if funds are available?",
     ("doesn't seem",), False),
    ("Found it!! But it's useless, can you check if funds are available?",
     ("useless",), True),
    # ... or put as a statement of what they want to know
    ("Flights have been cancelled. Wanted to know the status of BA0257",
     ("cancelled",), False),
    ("Flights have been cancelled. What a joke. Wanted to know the status of BA0257",
     ("cancelled", "joke"), True),
    # "bugs" names a problem, like "issues": not a judgement that shows distress by itself
    ("Will you be fixing the bugs and crashes in the game?", ("bugs", "crashes"), False),
])
def test_one_sign_is_counted_once(message, words, distressed):
    inferred = infer_context(message)
    assert inferred.context == "complaint"
    assert inferred.words == words
    assert inferred.distressed is distressed


def test_an_explicit_context_always_wins_and_defaults_come_last(tmp_path):
    root = write(tmp_path, {
        "brandvoice.yaml": "persona: persona.yaml\ndefaults: {context: general}\n",
        "persona.yaml": "name: Acme\ncontexts:\n  complaint: {require_empathy: true}\n",
        "replies.jsonl": "\n".join(json.dumps(row) for row in [
            {"id": "inferred", "text": "We have resent it.",
             "in_reply_to": "My order never arrived. Third time this month!"},
            {"id": "own", "text": "We have resent it.", "context": "praise",
             "in_reply_to": "My order never arrived. Third time this month!"},
            {"id": "default", "text": "We have resent it."},
        ]) + "\n"})
    data = json.loads(run(["check", "replies.jsonl", "--format", "json"], cwd=root).out)
    drafts = {d["id"]: d for d in data["drafts"]}
    assert drafts["inferred"]["context"] == "complaint"
    assert drafts["inferred"]["context_inferred"]["context"] == "complaint"
    assert "'never arrived'" in drafts["inferred"]["context_inferred"]["reason"]
    assert [f["rule"] for f in drafts["inferred"]["findings"]] == ["persona.context.empathy"]
    assert drafts["own"]["context"] == "praise" and "context_inferred" not in drafts["own"]
    assert drafts["default"]["context"] == "general"
    assert "context_inferred" not in drafts["default"] and drafts["default"]["findings"] == []
    flag = json.loads(run(["check", "replies.jsonl", "--format", "json", "--context",
                           "question"], cwd=root).out)
    assert {d["context"] for d in flag["drafts"]} == {"question"}
    assert all("context_inferred" not in d for d in flag["drafts"])


def test_explain_context_says_which_context_and_why(tmp_path):
    root = write(tmp_path, {
        "brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
        "replies.jsonl": json.dumps({"id": "r1", "text": "Thanks for the kind words!",
                                     "in_reply_to": "Love the new app, great work"}) + "\n"})
    done = run(["check", "replies.jsonl", "--explain-context"], cwd=root)
    assert done.out.splitlines()[0] == ("replies.jsonl (r1): context praise, read from "
                                        "in_reply_to: sentiment +0.85 and 'love', 'great'")
    as_json = run(["check", "replies.jsonl", "--explain-context", "--format", "json"],
                  cwd=root)
    json.loads(as_json.out)  # the document stays clean: the explanation goes to stderr
    assert "context praise, read from in_reply_to" in as_json.err


def test_personal_data_echoed_back_is_a_finding(linter):
    message = ("@AcmeHelp order #40418822 never arrived!! I'm jo.bloggs@example.com, "
               "call me on 07700 900123. Account AC-55129. @115712")
    reply = ("Sorry Jo! We've found order 40418822 for jo.bloggs@example.com and will call "
             "07700 900 123. Account ac-55129 is fine. @115712 thanks.")
    result = linter.check(reply, in_reply_to=message)
    echoes = [(f.match, f.message) for f in result.findings
              if f.rule == "persona.context.echo-pii"]
    assert echoes == [
        ("40418822", "This repeats the customer's order number ('40418822') in public: leave it "
                     "out, and ask for details by DM."),
        ("jo.bloggs@example.com", "This repeats the customer's e-mail address "
                                  "('jo.bloggs@example.com') in public: leave it out, and "
                                  "ask for details by DM."),
        ("07700 900 123", "This repeats the customer's phone number ('07700 900 123') in "
                          "public: leave it out, and ask for details by DM."),
        ("ac-55129", "This repeats the customer's reference ('ac-55129') in public: leave it "
                     "out, and ask for details by DM."),
    ]
    assert all(f.severity == "error" for f in result.findings
               if f.rule == "persona.context.echo-pii")
    assert not result.passed


def test_no_echo_without_the_customers_data(linter):
    message = "My order 40418822 never arrived, please help @115712"
    for reply in ("Sorry to hear that! Please DM us your order number and we'll look.",
                  "@115712 Sorry! Our store opens at 9 and closes at 17:30.",
                  "Sorry! Order 40418823 is a different one.",
                  "Sorry! Call 0800 123 4567 and we'll sort it."):
        result = linter.check(reply, in_reply_to=message)
        assert [f for f in result.findings if f.rule == "persona.context.echo-pii"] == [], reply
    assert linter.check("Your order 40418822 is on its way.").findings == []  # no message


def test_personal_data_reads_emails_numbers_and_references_not_handles_or_links():
    found = personal_data("@115712 mail me at Jo@Example.com, ref ZX-99812, tel +44 7700 "
                          "900123, see https://acme.example/orders/12345678 or #55512345")
    assert found == [("e-mail address", "jo@example.com"), ("reference", "ZX99812"),
                     ("phone number", "447700900123"), ("number", "55512345")]


def test_error_codes_and_product_models_are_no_ones_personal_data():
    # named as an error or a version before the code, or as a product after it
    assert personal_data("error CE-34878-0 when I launch the game") == []
    assert personal_data("my ZH-3200 hub shows a red light") == []
    assert personal_data("KC-1107 is a known issue on 2.14.0") == []
    # an order code is still one, and so is a phone number
    assert personal_data("my order ABC12345 never came") == [("reference", "ABC12345")]
    assert personal_data("text me on 07911 123456 phone or whatsapp") == [
        ("phone number", "07911123456")]


def test_echo_pii_can_be_disabled_or_given_another_severity(tmp_path):
    root = write(tmp_path, {"brandvoice.yaml": "severity: {persona.context.echo-pii: "
                                               "warning}\n",
                            "off.yaml": "disable: [persona.context.echo-pii]\n"})
    reply = json.dumps({"text": "Your order 40418822 is late.",
                        "in_reply_to": "where is order 40418822"})
    (root / "r.jsonl").write_text(reply + "\n", encoding="utf-8")
    warned = json.loads(run(["check", "r.jsonl", "--format", "json"], cwd=root).out)
    assert [(f["rule"], f["severity"]) for f in warned["drafts"][0]["findings"]
            if f["rule"] == "persona.context.echo-pii"] == [("persona.context.echo-pii",
                                                             "warning")]
    off = json.loads(run(["check", "r.jsonl", "--format", "json", "--config", "off.yaml"],
                         cwd=root).out)
    assert [f["rule"] for f in off["drafts"][0]["findings"]] == [
        "persona.context.thread-exposure"]  # the order number in public is another problem


def test_a_question_needs_a_next_step(linter):
    asked = "Hi, what time does the Leeds store open on Sundays?"
    bare = linter.check("Our Leeds store opens at 10 on Sundays.", in_reply_to=asked)
    assert [f.rule for f in bare.findings] == ["persona.context.next-step"]
    assert bare.findings[0].message.startswith("A reply to a question says what happens next")
    for reply in ("Our Leeds store opens at 10 on Sundays. You can check hours in the app.",
                  "It opens at 10. Send us a DM if you need anything else!",
                  "It opens at 10, and our help centre lists every store."):
        assert linter.check(reply, in_reply_to=asked).findings == [], reply


def test_jobs_keep_the_inferred_context(tmp_path):
    rows = [{"id": f"r{i}", "text": "We have resent it.",
             "in_reply_to": ["My parcel never arrived", "When do you open?",
                             "Love it!"][i % 3]} for i in range(300)]
    root = write(tmp_path, {"brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
                            "r.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    one = run(["check", "r.jsonl", "--format", "json"], cwd=root)
    two = run(["check", "r.jsonl", "--format", "json", "--jobs", "2"], cwd=root)
    assert one.out == two.out
    contexts = [d["context_inferred"]["context"] for d in json.loads(one.out)["drafts"][:3]]
    assert contexts == ["complaint", "question", "praise"]


def test_an_audit_groups_by_the_context_read_from_the_message(tmp_path):
    rows = [{"id": f"r{i}", "text": "We have resent it.",
             "in_reply_to": ["My parcel never arrived", "When do you open?", "Love it!",
                             "I moved house."][i % 4]} for i in range(400)]
    root = write(tmp_path, {"brandvoice.yaml": "rulebooks: [builtin:legal-claims]\n",
                            "r.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    one = run(["audit", "r.jsonl", "--by", "context", "--format", "json"], cwd=root)
    two = run(["audit", "r.jsonl", "--by", "context", "--format", "json", "--jobs", "2"],
              cwd=root)
    assert one.code == 0 and one.out == two.out
    groups = {g["context"]: g["replies"] for g in json.loads(one.out)["groups"]}
    assert groups == {"complaint": 100, "question": 100, "praise": 100, "general": 100}
