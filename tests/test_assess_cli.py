"""`fecscreen assess`: formats, output file, drafts and the interview."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from fecscreen.assess import assess, load_matter
from fecscreen.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
UK = str(EXAMPLES / "uk-labour-2024.yaml")
ALP = str(EXAMPLES / "alp-sanders-2016.yaml")


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["assess", *args], input=input)


def test_markdown_memo_to_stdout():
    res = invoke(ALP)
    assert res.exit_code == 0, res.output
    assert "| the Australian Labor Party (respondent) | 52 U.S.C. 30121(a)(1) | violation " \
           "likely |" in res.output
    assert "## Decisive unknowns" in res.output
    assert "## Civil-penalty estimate" in res.output and "Estimate, not a prediction" in \
        res.output


def test_json_and_html_to_file(tmp_path):
    out = tmp_path / "memo.json"
    res = invoke(ALP, "--format", "json", "--output", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["conclusions"][0] == {**data["conclusions"][0], "party": "alp",
                                      "citation": "52 U.S.C. 30121(a)(1)",
                                      "label": "violation likely", "value": "true"}
    assert data["penalty_estimate"]["label"] == "Estimate, not a prediction"
    html = tmp_path / "memo.html"
    assert invoke(UK, "--format", "html", "-o", str(html)).exit_code == 0
    text = html.read_text()
    assert text.startswith("<!doctype html>") and "staff&#39;s housing" in text


def test_complaint_draft_follows_111_4():
    res = invoke(UK, "--draft", "complaint")
    assert res.exit_code == 0, res.output
    out = res.output
    for part in ["## 1. Complainant", "Donald J. Trump for President 2024, Inc.",
                 "[FULL STREET ADDRESS]", "## 2. Respondents", "1. the Labour Party (UK)",
                 "2. Harris for President", "## 3. Facts", "Exhibit B; reliability low",
                 "## 4. Provisions", "## 5. Documents attached",
                 "sworn to before a notary", "[NOTARY PUBLIC'S SIGNATURE AND SEAL]"]:
        assert part in out, part
    # a fact not alleged to have happened is not stated as fact
    assert "took part in decisions" not in out


def test_response_draft_names_facts_that_answer_the_allegation():
    res = invoke(UK, "--draft", "response", "--respondent", "labour")
    assert res.exit_code == 0, res.output
    assert "## The Labour Party (UK)" in res.output
    assert "Show that Harris for President paid for the staff's housing" in res.output
    assert "Harris for President\n" not in res.output.split("## Caveats")[0].split(
        "## The Labour Party (UK)")[0]


def test_draft_rejects_other_formats_and_unknown_respondent():
    res = invoke(UK, "--draft", "complaint", "--format", "json")
    assert res.exit_code == 2 and "--format" in res.output
    res = invoke(UK, "--draft", "response", "--respondent", "nobody")
    assert res.exit_code == 2 and "--respondent" in res.output


def test_interview_asks_decisive_facts_most_decisive_first_and_saves(tmp_path):
    m = load_matter(UK)
    first = assess(m).decisive[0]
    saved = tmp_path / "updated.yaml"
    # answer the first question with a word that is not allowed, then properly;
    # leave everything after it unknown
    res = invoke(UK, "--interactive", "--save", str(saved),
                 input="maybe\nnon-US\n" + "unknown\n" * 40)
    assert res.exit_code == 0, res.output
    asked = [line.split("?  [")[-1][:-1] for line in res.output.splitlines()
             if line.endswith("]") and "?  [" in line]
    assert asked[0] == first.path == "parties[1].citizenship"
    assert "Please answer with one of: US, non-US or unknown." in res.output
    # every question asked was a decisive unknown when it was asked
    after = load_matter(saved)
    assert after.fact(("party", "staff", "citizenship")) == ("non-US",)
    decisive_now = [d.path for d in assess(after).decisive]
    assert set(asked[1:]) == set(decisive_now)
    assert len(asked) == len(set(asked))
    raw = yaml.safe_load(saved.read_text())
    assert raw["parties"][1]["citizenship"] == ["non-US"]


def test_interview_answers_settle_conclusions(tmp_path):
    saved = tmp_path / "m.yaml"
    answers = {
        "parties[1].citizenship": "non-US",
        "parties[1].permanent_resident": "no",
        "activities[2].paid_by": "labour",
    }
    m = load_matter(UK)
    lines = []
    # replay the interview with a scripted answerer through the library
    from fecscreen.assess import interview

    def ask(d, opts, result):
        lines.append(d.path)
        return answers.get(d.path, "unknown")

    updated = interview(m, ask)
    updated.dump(saved)
    r = assess(load_matter(saved))
    assert r.conclusion("labour", "30121a1").label == "violation likely"
    assert lines[:2] == ["parties[1].citizenship", "parties[1].permanent_resident"]
    assert "activities[2].paid_by" in lines


def test_save_needs_interactive():
    res = invoke(UK, "--save", "x.yaml")
    assert res.exit_code == 2 and "--interactive" in res.output


def test_assess_is_listed_in_fecscreen_help():
    res = CliRunner().invoke(main, ["--help"])
    assert res.exit_code == 0
    assert "assess" in res.output


def test_regulation_row_refers_to_identical_statute_reasoning():
    res = invoke(ALP)
    assert ("The same steps as for 52 U.S.C. 30121(a)(1) above, applied under 11 CFR "
            "110.20(b).") in res.output
