"""``EnglishAnalyser``: VADER plus the words and phrases of product and service complaints."""

from __future__ import annotations

import pickle

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from listener.analysis.sentiment.english import EXTRA_LEXICON, EnglishAnalyser, superlatives

EN = EnglishAnalyser()
VADER = SentimentIntensityAnalyzer()


def has_sign(value: float, sign: int) -> bool:
    """``value`` is positive (1), negative (-1) or exactly neutral (0)."""
    return value * sign > 0 if sign else value == 0


def test_vader_entries_are_never_changed() -> None:
    """The extra words are only words VADER does not know (nor uses as boosters,
    which it never scores as words)."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT

    assert not set(EXTRA_LEXICON) & set(VADER.lexicon)
    assert not set(EXTRA_LEXICON) & set(BOOSTER_DICT)
    assert all(EN.lexicon[w] == v for w, v in VADER.lexicon.items())


@pytest.mark.parametrize(("text", "kind"), [
    ("Mic doesn't work.", "failure"),
    ("it's not working again", "failure"),
    ("Stopped charging after two days", "failure"),
    ("The app keeps crashing", "failure"),
    ("Screen went black after 3 months", "failure"),
    ("Can't log in since the update", "access failure"),
    ("unable to contact anyone", "access failure"),
    ("My parcel never arrived", "never came"),
    ("Still waiting for an answer", "waiting"),
    ("We waited 45 minutes for a table", "waiting"),
    ("Is @acme down for anyone else?", "outage"),
    ("the site is down again", "outage"),
    ("website down again??", "outage"),
    ("Don't buy this phone", "advice against"),
    ("Never again.", "advice against"),
    ("I won't be back", "advice against"),
    ("They charged me twice", "billing"),
    ("Was hoping for more", "disappointment"),
    ("Runs small, order a size up", "bad fit"),
    ("Fell apart after two uses", "failure"),
    ("Cheap plastic", "waste"),
    ("Lost a whole afternoon on hold with them", "waste"),
    ("The service has gone completely downhill", "waste"),
    ("Customer care isn't picking up.", "unanswered"),
    ("Two weeks and zero response from @acme", "unanswered"),
    ("nobody ever calls you back", "unanswered"),
    ("No signal since this morning in Laval", "no service"),
    ("Nobody has internet on our street", "no service"),
    ("Impossible to speak to a real person", "access failure"),
    ("My ticket still isn't resolved", "not fixed"),
    ("Three technicians later, nothing got fixed", "not fixed"),
    ("The agent was polite but couldn't do anything", "not fixed"),
    ("How can you treat loyal customers like that?", "mistreatment"),
    ("Lost all faith in this bank", "distrust"),
    ("All we asked for was an app that works.", "unmet basics"),
    ("Prices went up without any notice", "no notice"),
    ("@acme thanks for nothing", "rebuff"),
    ("The agent hung up on me", "rebuff"),
    ("I want a full refund, not a voucher", "billing"),
    # facts with no opinion word (stop 26)
    ("Dinner showed up stone cold", "arrived cold"),
    ("The parcel was late, again", "late"),
    ("Courier turned up an hour late", "late"),
    ("Our phone plan went up twice this year", "price rise"),
    ("Subscription fees doubled overnight", "price rise"),
    ("Why is my bill so high this month?", "price rise"),
    ("Dropped calls all day", "failure"),
    ("3rd time this week the app logged me out", "failure"),
    ("My card got declined twice at checkout", "failure"),
    ("Support closed my ticket without fixing anything", "not fixed"),
    ("Nobody at the store could help", "unanswered"),
    ("Waiting on a callback since Monday", "waiting"),
    ("Switching to another carrier next month", "churn"),
    ("Unsubscribed. Too many emails", "churn"),
    ("Seriously thinking about switching.", "churn"),
    ("What a joke of a company", "scorn"),
    ("So done with this carrier", "scorn"),
    # product reviews (stop 26, from the development half of VADER's Amazon snippets)
    ("It does not provide enough volume", "shortfall"),
    ("The player does not play my divx files", "failure"),
    ("Every time I sync, the app freezes", "hang"),
    ("It won't let you see the next track", "no control"),
    # an undue burden, stated as an obligation (stop 27)
    ("I shouldn't have to call five times to get help", "undue burden"),
    ("Customers should not be ignored", "undue burden"),
    ("Customers shouldn't be overcharged like this", "undue burden"),
    ("No one should have to wait 3 hours on the phone", "undue burden"),
    ("I should not have had to ask twice", "undue burden"),
    ("Another outage this morning", "recurrence"),
    ("Delayed again, third time this week", "recurrence"),
    ("Late flight again", "recurrence"),
    ("My flight is delayed", "late"),
    ("thanks for losing my bag", "rebuff"),
    ("This is a total rip off", "waste"),
    ("I'm done with you guys", "scorn"),
])
def test_complaint_phrases_are_found_and_negative(text: str, kind: str) -> None:
    """Each kind of complaint is recognised and makes the text negative."""
    assert kind in [k for k, _ in EN.phrases(text)]
    assert EN.compound(text) <= -0.05


@pytest.mark.parametrize("text", [
    "Would definitely buy again",
    "I can't recommend them enough",
    "Gets the job done.",
    "I'll be back!",
    "@SouthwestAir you guys rock",
    "This PDA rocks.",
    "Does what it says on the tin",
    "Works as expected",
    "No hidden charges, no surprises.",
    "Support was amazing and sorted it in minutes",
    "Credit where it's due, great job",
    "Full credit to the night staff",
    "Refund came through in 2 days",
    "Never had an issue with them",
    "Had no real problems with it in two years",
    "Way less expensive than the big brands",
    "I would not give up this phone for anything",
    "How did I get by without this?",
    "It serves its purpose.",
    "I can not recommend it enough",
    "I cant thank them enough",
    "Shout out to the night crew for the quick fix",
    # advice, not a burden (stop 27)
    "You shouldn't miss this show",
    "Great app, you shouldn't have any issues",
])
def test_praise_phrases_are_positive(text: str) -> None:
    assert EN.compound(text) >= 0.05


@pytest.mark.parametrize("text", [
    "I can't wait to try it",
    "Prices are down 5% today",
    "I don't work there",
    "Does it work with an iPhone?",
    "Are you down to go?",
    "I was 5 minutes early",
    "Whisky on the rocks",
    "Prices down 5% today",
    "The learning curve is not too big",
    "We went downhill skiing at Tremblant",
    # lateness, prices and cold of other things (stop 26)
    "It was late, so we went home",
    "I was running late but they kept my table",
    "Open late on Fridays",
    "Cold drinks and a warm welcome",
    "Shares rose after the stock price went up",
    "Moving to a new apartment next week",
    "No one can help you like they do",
    "Thinking of switching it on again",
    "I forgot that it was garbage day",
    "Remember to take out the trash tonight",
    "He told a great joke at the party",
    "I am done with my homework",
])
def test_lookalikes_are_not_complaints(text: str) -> None:
    """Phrases that share words with complaints are left to VADER."""
    assert EN.compound(text) == VADER.polarity_scores(text)["compound"]


@pytest.mark.parametrize("text", [
    "Their support line has been busy all day",
    "I emailed support this morning",
    "Paid with my credit card",
    "Our customer care team is based in Moncton",
    "The help desk opens at 9",
])
def test_company_departments_and_money_are_names_not_praise(text: str) -> None:
    """"support", "care", "help" and "credit" name a department or a means of
    payment here; VADER scored them as praise (+1.5 to +2.2)."""
    assert VADER.polarity_scores(text)["compound"] >= 0.05
    assert -0.05 < EN.compound(text) < 0.05


@pytest.mark.parametrize(("text", "sign"), [
    ("Late again #NotHappy", -1), ("Delayed again #neveragain", -1),
    ("Nobody at the desk #customerservicefail", -1), ("Ordered a pizza #notimpressed", -1),
    ("Such a smooth trip #loveit", 1), ("Great flight! #happycustomer", 1),
])
def test_hashtags_made_of_several_words_are_read_as_words(text: str, sign: int) -> None:
    assert VADER.polarity_scores(text)["compound"] * sign < EN.compound(text) * sign
    assert EN.compound(text) * sign >= 0.05


def test_a_hashtag_that_does_not_split_into_known_words_stays_whole() -> None:
    """No dictionary guess: "#therapist" is not "the rapist"."""
    for text in ("Booked a #therapist session", "#assassin creed", "#bleuetmobile panne",
                 "#hotel", "#fail"):
        assert EN.split_hashtags(text) == text
    assert EN.split_hashtags("#BleuetMobile") == "Bleuet Mobile"
    # Capitals that do not mark every word: "wish" alone would read as praise.
    text = "still at work :-( #wishIwasoutdrinkingandchainsmoking"
    assert EN.split_hashtags(text) == text and EN.compound(text) < 0


def test_a_plea_for_help_is_not_praise() -> None:
    """"please help" asks for help: it no longer turns a complaint positive."""
    text = "@acme can you please help? my parcel never showed up"
    assert VADER.polarity_scores(text)["compound"] > 0 > EN.compound(text)
    assert EN.compound("Thanks for the help, you guys are great") > 0


def test_complaints_about_support_are_negative() -> None:
    """Complaints that mention support no longer lean positive because of the word."""
    for text in ("Called tech support three times, still broken.",
                 "They charged my credit card twice."):
        assert EN.compound(text) <= -0.05, text
    text = "Support bounced my ticket between three teams."
    assert VADER.polarity_scores(text)["compound"] >= 0.05 > EN.compound(text)
    # The verb keeps VADER's reading.
    assert EN.compound("We fully support the new plan") == VADER.polarity_scores(
        "We fully support the new plan")["compound"] > 0


def test_no_x_issues_is_not_an_outage() -> None:
    """"no reception issues" praises a phone; "no reception" complains about it; "no
    connection with the seller" is a reviewer's disclaimer."""
    assert "no service" not in [k for k, _ in EN.phrases("I have no connection with the seller")]
    assert "no service" not in [k for k, _ in EN.phrases("No reception issues at all")]
    assert "no service" not in [k for k, _ in EN.phrases("no signal/battery problems so far")]
    assert "no service" in [k for k, _ in EN.phrases("no reception in the basement")]


def test_a_phrase_keeps_its_own_negation() -> None:
    """VADER's negation rule does not flip a phrase that already holds its negation."""
    assert VADER.polarity_scores("Dont waste your money...")["compound"] > 0
    assert EN.compound("Dont waste your money...") < 0
    assert EN.compound("No, it doesn't work") < 0
    assert EN.compound("Never buying from them again, it doesn't work") < 0


def test_a_phrase_without_its_own_negation_is_negated_like_a_word() -> None:
    """A negation just before a phrase turns it around unless the phrase holds one."""
    assert EN.compound("It is a piece of junk") < 0 < EN.compound("It is not a piece of junk")
    assert EN.compound("I had to return it") < 0 < EN.compound("I didn't have to return it")
    assert EN.compound("They never hung up on me") > 0
    assert EN.compound("I dont think I will be back") < 0 < EN.compound("I will be back")
    # Holding its own negation, a phrase is not turned around twice.
    assert EN.compound("No, it doesn't work") < 0
    assert EN.compound("Never buying from them again") < 0
    # A phrase keeps its width in words: "never" is four words from "love" here,
    # beyond VADER's reach of three, as in the text.
    assert EN.compound("They never treat us like numbers, love them") > 0


@pytest.mark.parametrize("text", [
    "A company shouldn't treat its customers like this",
    "You should never treat your guests like dirt",
    "No one ought not to treat subscribers like that",
    "A new phone shouldn't keep crashing",
    "You shouldn't have to return it",
    "You should not be on hold for an hour",
])
def test_an_obligation_does_not_turn_a_complaint_phrase_around(text: str) -> None:
    """"shouldn't treat customers like this" is the complaint, not its negation;
    VADER's own words keep its rule ("you shouldn't miss it" stays praise)."""
    assert EN.compound(text) < 0
    assert EN.compound("You shouldn't miss it") > 0


def test_extra_words_follow_vader_rules() -> None:
    """Words of the extra lexicon are negated and boosted like VADER's own."""
    assert EN.compound("The app is buggy") < 0
    assert EN.compound("Not buggy at all") > 0
    assert EN.compound("The app is very buggy") < EN.compound("The app is buggy")


@pytest.mark.parametrize("text", [
    "Checkout is painfully slow on the new version",
    "Coverage has been spotty all week",
    "The update is full of bugs",
    "Got the wrong size and the box was cracked",
    "Way too expensive for what you get",
    "My parcel is overdue and support ghosted me",
    "This update is trash",
])
def test_troubles_vader_has_no_word_for_are_negative(text: str) -> None:
    """Slowness, bugs, patchy coverage, damage, prices: VADER scores these words 0."""
    assert EN.compound(text) <= -0.05


def test_fixing_or_reporting_a_bug_is_no_complaint() -> None:
    assert EN.compound("Bug fixes and performance improvements") >= 0
    assert EN.compound("They fixed the bugs I reported last week") >= 0
    assert EN.compound("They never fixed the bug") < 0


@pytest.mark.parametrize(("text", "plain"), [
    ("super rude staff at the counter", "rude staff at the counter"),
    ("Pretty disappointing update", "disappointing update"),
    ("SUPER slow checkout", "slow checkout"),
])
def test_praise_words_used_as_intensifiers_intensify(text: str, plain: str) -> None:
    """"super" and "pretty" before a negative word intensify it: VADER read them as
    praise, so "super rude staff" scored positive."""
    assert EN.compound(text) <= EN.compound(plain) < 0


def test_praise_words_used_as_intensifiers_of_praise_are_left_to_vader() -> None:
    for text in ("super nice staff", "pretty good value", "A super product"):
        assert EN.compound(text) == VADER.polarity_scores(text)["compound"]


def test_capitals_add_emphasis_to_a_phrase() -> None:
    assert EN.compound("It DOESN'T WORK at all") < EN.compound("It doesn't work at all")


def test_untrusted_text_cannot_forge_a_phrase_token() -> None:
    """The private-use delimiters of phrase tokens are removed from the input."""
    forged = "\ue000p3\ue000 \ue000P3\ue000 fine"
    assert EN.compound(forged) == VADER.polarity_scores("fine")["compound"]
    assert EN.phrases(forged) == []


def test_pickles_with_its_phrases() -> None:
    """Worker processes receive a copy that scores the same."""
    copy = pickle.loads(pickle.dumps(EN))
    assert copy.compound("Can't log in, site is down") == EN.compound(
        "Can't log in, site is down") < 0


def test_trigger_words_skip_no_phrase() -> None:
    """Trying only the patterns whose trigger words occur finds what one combined
    pattern finds, on the bundled review sentences and on every phrase above."""
    import re
    from pathlib import Path

    from listener.analysis.sentiment.english import PHRASES

    combined = re.compile("|".join(f"(?P<p{k}>{pattern})"
                                   for k, (_, _, pattern) in enumerate(PHRASES)), re.IGNORECASE)
    data = Path(__file__).parent.parent / "data" / "sentiment"
    texts = [line.split("\t", 1)[1] for f in sorted(data.glob("en_*.tsv"))
             for line in f.read_text(encoding="utf-8").splitlines() if "\t" in line]
    for mark in (test_complaint_phrases_are_found_and_negative, test_praise_phrases_are_positive,
                 test_lookalikes_are_not_complaints, test_product_review_phrases_of_stop_29,
                 test_brand_posts_of_stop_29,
                 test_product_review_phrases_of_stop_29_second_round):
        for param in mark.pytestmark[0].args[1]:  # type: ignore[attr-defined]
            texts.append(param[0] if isinstance(param, tuple) else param)
    assert len(texts) > 250
    found = 0
    for text in texts:
        text = text.replace("\u2019", "'")
        expected = [(m.start(), m.end(), int(m.lastgroup[1:]))  # type: ignore[index]
                    for m in combined.finditer(text)]
        assert EN._matches(text) == expected, text
        found += bool(expected)
    assert found > 40


@pytest.mark.parametrize("text", [
    "Great, another outage. Thanks Bleuet!",
    "Wow, down again. Great job",
    "Love paying for a service that never works",
    "Love waiting 2 hours for a refund",
    "Cool, charged twice. Thanks",
    "Awesome, the app crashed again",
    "3rd time this month my flight is delayed. Great job.",
    "Great, my order arrived broken",
    "Wonderful, my bank app is broken",
    "Late Flight again. Love it.",
])
def test_praise_beside_a_stated_trouble_is_sarcasm(text: str) -> None:
    """Praise next to a service trouble stated as a fact reads as sarcasm (stop 27)."""
    assert EN.compound(text) <= -0.05


@pytest.mark.parametrize("text", [
    "Service was down for an hour but support was great",  # a contrast: two opinions
    "Great phone. Only complaint: shipping was a bit late",
    "Love it, no complaints",
    "Would buy again",
    "Thanks for the upgrade",
    "Amazing film, my heart was broken",  # a feeling, not a breakage
])
def test_praise_with_a_contrast_or_without_trouble_stays_praise(text: str) -> None:
    assert EN.compound(text) >= 0.05
    assert EN.compound("The late show again tonight") > -0.05  # a show, not a delay


def test_amazement_is_no_negation_and_service_words() -> None:
    """"Can't believe how bad" stays bad; "non-existent" service is a complaint; going
    "above and beyond" is praise; "rip off the label" is an instruction (stop 27)."""
    assert EN.compound("Can't believe how bad this is") <= -0.05
    assert EN.compound("Can't believe how good this is") >= 0.05
    assert EN.compound("Customer service is non-existent") <= -0.05
    assert EN.compound("They went above and beyond") >= 0.05
    assert EN.compound("Rip off the label before use") == 0


def test_stretched_words_are_read() -> None:
    """A letter typed three times or more ("looove", "sooo") in a word VADER does
    not know is read as the word VADER knows; known words and others stay."""
    analyser = EnglishAnalyser()
    assert analyser.rewrite("i looove it") == "i love it"
    assert analyser.rewrite("this is SOOO baaad") == "this is SO bad"
    assert analyser.compound("i looove it") == analyser.compound("i love it") > 0
    assert analyser.compound("worst app everrr") < 0
    assert analyser.rewrite("zzz hmmm www") == "zzz hmmm www"


@pytest.mark.parametrize(("text", "sign"), [
    ("Truly awful.", -1),  # "truly" (+1.9) is an intensifier before a negative word
    ("definitely not worth it", -1),
    ("damn good pizza", 1),
    ("The staff was incredible!", 1),  # VADER takes "incredible" for a booster only
    ("Exceptional service", 1),
    ("a tremendous disappointment", -1),
    ("SWEETEST PHONE!!!", 1),  # superlatives VADER lacks
    ("the blandest food in town", -1),
    ("I'd like to return it.", -1),  # a request is no liking
    ("Item Does Not Match Picture.", -1),
    ("Never got it!!!!!", -1),
    ("Works for me.", 1),
    ("Lasted one day and then blew up.", -1),
    ("People couldnt hear me talk", -1),
    ("So just beware.", -1),
    ("hassle-free returns", 1),  # ease (VADER's "hassle" read it as a complaint)
    ("it was a breeze to set up", 1),
    ("uploaded 3,000 songs with very minimal difficulty", 1),
    ("look no further", 1),
    ("don't waste time looking at anything else, just buy this one.", 1),
    ("don't waste your time on this", -1),
    ("t-mobile ruins an otherwise good phone", -1),  # a concession
    ("i would not be inclined to purchase an apex product again.", -1),
    ("after that it seems like you're on your own.", -1),  # "like" that compares
    ("it doesn't get any better than this.", 1),
    ("it only took me about 10 seconds to transfer a 200mb file.", 1),
    ("the t610 has the most functionality hands down.", 1),
    ("it took over 2 months and repeated follow-up to get it replaced.", -1),
    ("so what's the point?", -1),
    ("nearly 4000 songs went up in smoke.", -1),
    ("the phone locks up constantly", -1),
    ("bluetooth functionality would have made the phone even better.", -1),
])
def test_intensifiers_superlatives_and_review_phrases(text: str, sign: int) -> None:
    """Stop 28, from the neutral and wrong labels of UCI Amazon dev b."""
    assert EN.compound(text) * sign > 0


def test_superlatives_keep_vader_and_make_no_nouns() -> None:
    """Superlatives are added only where VADER has none, and never "-er" forms
    (a cleaner, a stranger); "would definitely buy again" keeps its praise."""
    assert EN.lexicon["sweetest"] == VADER.lexicon["sweet"]
    assert EN.lexicon["nicest"] == VADER.lexicon["nicest"]
    added = superlatives(VADER.lexicon)
    assert added and all(form.endswith("est") for form in added)
    assert not set(added) & set(VADER.lexicon)
    assert EN.compound("would definitely buy again") > 0
    assert EN.compound("it lasted two years and then I upgraded") == 0
    assert EN.compound("I can't hear enough of this album") >= 0


@pytest.mark.parametrize(("text", "sign"), [
    ("this new update slaps", 1),
    ("their burgers are fire", 1),
    ("goated app", 1),
    ("they nailed it", 1),
    ("props to the team", 1),
    ("huge W for acme", 1),
    ("no cap best pizza in town", 1),  # "no cap" is "no lie", not a negation
    ("huge L for acme today", -1),  # VADER's "l" is +2.0
    ("the app is mid", -1),
    ("what a clown show", -1),
    ("absolute shambles", -1),
    ("big yikes", -1),
    ("rip my package", -1),
    ("it was a slap in the face", -1),
    ("acme fumbled this release", -1),
    ("a botched update", -1),
])
def test_social_media_slang(text: str, sign: int) -> None:
    """Stop 28: slang of social posts about brands; look-alikes keep their sense."""
    assert EN.compound(text) * sign > 0
    assert EN.compound("in mid March") == 0 and EN.compound("the app is mid-range") == 0
    assert EN.compound("the building is on fire") < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Acme raises prices", -1), ("Acme hikes its subscription fees", -1),
    ("Acme to cut 500 jobs", -1), ("Acme lays off 200 workers", -1),
    ("Acme recalls 10,000 cars", -1), ("Acme fined $2 million", -1),
    ("I quickly lost interest in the show", -1), ("Interest rates rise again", 0),
    ("Looking for a good alternative to Acme", -1),
    ("Acme announced a price increase on its plans", -1),  # VADER's "increase" is praise
])
def test_company_news(text: str, sign: int) -> None:
    """Stop 28: a company's bad news as the press puts it; interest as money is no praise."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("They promised a call back within 48 hours. Still waiting.", -1),
    ("If anyone knows how to reach an actual person at Acme, let me know.", -1),
    ("This has been going on for 3 days.", -1),
    ("Thanks in advance!", 0),
    ("I promise you will love it", 1),
])
def test_the_demo_worlds_service_posts(text: str, sign: int) -> None:
    """Stop 28, from the demo world's own sentences: a promise of service is
    reported (VADER's "promised" is +1.5), formulaic thanks are no praise."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Setup couldn't have been simpler.", 1),  # a negated comparative is praise
    ("ripping your songs and creating playlists couldn't be any easier.", 1),
    ("Things could not be better", 1),
    ("Save your cash, buy something else.", -1),
    ("It works like crap.", -1),  # VADER's "like" (+2.0) cancelled the noun
    ("I don't like garbage day", -1),  # the bins, not "like garbage"
    ("i got this camera about a month ago and i can't put it down.", 1),
    ("there's really very little about g3 images to criticize.", 1),
    ("It's wicked good.", 1),
    ("even that process was error-prone.", -1),
    ("so, i've had it for a month, and the headphone jack went out.", -1),
    ("The power went out again", -1),
    ("i only wish you could get high quality images at all resolutions.", -1),
    ("I wish the camera had a higher optical zoom.", -1),
    ("I wish the team all the best.", 1),  # a wish to someone
    ("We wish you a merry christmas", 1),
    ("I wouldn't give it up for anything.", 1),
    ("It arrived sooner than expected", 1),
    ("the cd database the software uses is mediocre at best.", -1),  # VADER's "best"
    ("I bought it at Best Buy", 1),
    ("most bang for the buck.", 1),
    ("a minor quibble", -1),
    ("it's a hazard in the car.", -1),
])
def test_product_review_phrases_of_stop_29(text: str, sign: int) -> None:
    """Stop 29, from 80 wrong labels of the development half (odd ids) of
    VADER's Amazon review snippets."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("@AcmeAir lost my bag for the second time this month. Incredible.", -1),  # sarcasm
    ("The airline lost my luggage", -1),
    ("Acme's new update deleted all my notes. Thanks a lot.", -1),
    ("Been on hold with Acme Bank for 45 minutes. This is fine.", -1),
    ("my acme package says delivered but it's not here", -1),
    ("Acme raised my bill by 20 dollars without telling me", -1),
    ("Acme is the only airline that doesn't nickel and dime you", 1),
    ("Acme's new headphones are a game changer", 1),
    ("10/10 would not recommend Acme", -1),  # the meme is no rating
    ("10/10 would recommend", 1),
    ("Acme is robbing people with these fees", -1),
    ("Acme's loyalty program is a scam", -1),  # VADER's "loyalty" is +2.5
    ("The food was cold.", -1),  # complaints said as facts
    ("It was cold outside", 0),
    ("The battery runs down quickly.", -1),
    ("Battery life is short", -1),
    ("It breaks easily", -1),  # VADER's "easily" read it as praise
    ("The battery life is great", 1),
    ("The phone takes FOREVER to charge like 2 to 5 hours literally.", -1),  # "like" = about
    ("I like 2 of them", 1),
    ("The plastic breaks really easy on this clip.", -1),
    ("Phone falls out easily.", -1),
    ("It does everything the description said it would.", 1),
    ("Not as good as I had hoped.", -1),
    ("I advise EVERYONE DO NOT BE FOOLED!", -1),
    ("The BT headset was such a disapoinment.", -1),
    ("My headset works just peachy-keen.", 1),
])
def test_brand_posts_of_stop_29(text: str, sign: int) -> None:
    """Stop 29, from 30 posts about brands written for the check (12 wrong before)."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Dramatically lackluster.", -1),
    ("Visually captivating.", 1),
    ("A shoddy, amateurish product.", -1),
    ("The plot is clichéd and the jokes are unfunny.", -1),
    ("A riveting, masterful thriller.", 1),
    ("This app is a hidden gem", 1),
    ("The house is moving next week", 0),  # everyday senses left out
    ("Prices are flat this month", 0),
    ("The room was dingy and the carpet smelled musty.", -1),  # service and hospitality
    ("Staff were condescending and dismissive.", -1),
    ("Exorbitant fees, predatory contracts.", -1),
    ("Succulent ribs, immaculate dining room.", 1),
])
def test_critics_adjectives(text: str, sign: int) -> None:
    """Stop 29: evaluative adjectives VADER lacks, from its film snippets' development half."""
    assert has_sign(EN.compound(text), sign)


def test_a_company_that_listens_to_its_customers_is_praised() -> None:
    """Stop 29, as French "écoute ses clients" (a demo-world sentence)."""
    assert EN.compound("Finally a company that listens to its customers.") > 0
    assert EN.compound("They never listen to their customers") < 0


@pytest.mark.parametrize(("text", "sign"), [
    ("Great, the toilet won't flush again.", -1),  # stop 29: household fittings
    ("Love how the door doesn't lock.", -1),
    ("Thanks Acme, my fridge doesn't cool anymore", -1),
    ("the door would not close.", -1),
    ("The store doesn't close until 9", 0),
    ("It doesn't lock you into a contract", 0),
])
def test_fittings_that_do_not_work(text: str, sign: int) -> None:
    """Household and travel fittings join the functions that fail."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("It costs 1/5 of the price", 0),  # a fraction, not a rating
    ("Rated it 1/5.", -1),
    ("@anonymous excellent. then my typing wouldn't matter because i couldn't do anything else",
     1),
    ("They couldn't do anything about it.", -1),
])
def test_fractions_and_nothing_else_to_do(text: str, sign: int) -> None:
    """Stop 29: labels VADER had right and Vigie wrong on its development halves."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("will never purchase apex again.", -1),
    ("i've bought one for the den and will buy a 2nd one for the bedroom.", 1),
    ("(batteries last longer too!)", 1),
    ("i am absolutely in awe of this camera", 1),
    ("i called their support number numerous times but it just kept ringing.", -1),
    ("great - for the first three hours.", -1),
    ("i highly regret trying to save a few $ with this purchase.", -1),
    ("householders can save $50", 1),  # saving is praise there
    ("sent mine back.", -1),
    ("the phone refused to die.", 1),
    ("the player controls are too easy to hit accidentally.", -1),
    ("the price on this player is hard to beat.", 1),
])
def test_product_review_phrases_of_stop_29_second_round(text: str, sign: int) -> None:
    """Stop 29, from 45 more wrong labels of VADER's Amazon snippets, odd half."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("My bag didn't make it", -1),  # the pipeline masks @handles ("united" is praise)
    ("@AmericanAir we've been sitting at the gate for an hour", -1),
    ("We sat at the gate for 5 minutes and left on time, great crew", 1),
    ("Why can't I get through to anyone", -1),
    ("@AmericanAir gate change without announcement", -1),
    ("A simple apology would be nice", -1),
    ("Thanks for the apology, that was nice of you", 1),
    ("The band didn't make it to the final", 0),
])
def test_travel_complaints_of_stop_30(text: str, sign: int) -> None:
    """Stop 30: an airline's mentions written for the check (not from a dataset)."""
    assert has_sign(EN.compound(text), sign)


@pytest.mark.parametrize(("text", "sign"), [
    ("Flight diverted, now what?", -1),
    ("The line is not moving.", -1),
    ("The queue hasn't moved in an hour", -1),
    ("The line is moving fast, great staff.", 1),
    ("Nobody tells us anything.", -1),
    ("Nobody tells you how good this is.", 1),
    ("Still no word from support.", -1),
    ("Great help from support!", 1),
    ("Nobody at the counter.", -1),
    ("Seat was broken and nobody cared.", -1),
    ("Nobody cares about the rating, the food is great.", 1),
    ("The flight was diverted because of a storm, crew handled it perfectly.", 1),
])
def test_travel_complaints_of_stop_31(text: str, sign: int) -> None:
    """Stop 31: what stop 30's check left neutral, and its neighbours (written for the check)."""
    assert has_sign(EN.compound(text), sign)


def test_nobody_at_the_counter_who_was_rude_is_no_complaint() -> None:
    assert EN.compound("Nobody at the counter was rude, all good.") > -0.05
