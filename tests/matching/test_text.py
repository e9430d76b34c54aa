from __future__ import annotations

from factcheck.matching.text import duplicate_key, names, numbers, search_words, terms, words


def test_quote_marks_fold_so_twins_share_a_key():
    assert duplicate_key("A “big” claim", "Is it ‘true’?") == duplicate_key(
        'A "big" claim', "Is it 'true'?"
    )


def test_hashtags_and_handles_give_their_words():
    assert words("#FakeNews from @CityCouncil2024") == [
        "fake",
        "news",
        "from",
        "city",
        "council",
        "2024",
    ]


def test_terms_drop_stopwords_and_stem():
    assert terms("The libraries are closing on Sundays") == ["librari", "close", "sunday"]


def test_numbers_keep_decimals_and_drop_thousands_commas():
    assert numbers("It rose 9.8 percent to 20,000 in 2024.") == {"9.8", "20000", "2024"}


def test_names_skip_the_first_word_of_a_sentence():
    assert names("Police say Alvarez met Riverton officials. Nobody came.") == {
        "alvarez",
        "riverton",
    }


def test_search_words_are_plain_and_distinct():
    assert search_words('Bread "costs" bread; DROP TABLE--') == ["bread", "costs", "drop", "table"]
