"""/town 本镇概况 run with AppTest, in zh and en. Values counted by hand as in
test_town_profile.py (its docstring says how): 朱泾镇 2 projects (JS2018-06 innovation,
JS2018-15 excellent), 2 figures; 区级 4 projects (JS2018-01, -02, -05, -10, all innovation),
13 figures; each has 9 gap themes, the first 3 shown with 2 projects each, the other 6 in
the 全部主题 expander."""

from __future__ import annotations

from test_pages import metrics_of, text_of


def headings(at) -> list[str]:
    return [s.value for s in at.subheader]


def gap_block(body: str, heading: str) -> str:
    """The text under one gap's bold heading, up to the next bold heading."""
    start = body.index(f"**{heading}**") + len(heading) + 4
    end = body.find("**", start)
    return body[start:] if end < 0 else body[start:end]


def test_zhujing_in_chinese(app):
    at = app("town", town="朱泾镇")
    assert not at.exception and not at.error
    assert at.title[0].value == "本镇概况"
    assert at.selectbox(key="town_pick").value == "朱泾镇"
    assert metrics_of(at) == {
        "项目数": "2",
        "占全区": "10%",
        "十大创新项目": "1 / 10",
        "十大优秀项目": "1 / 10",
        "披露的数字": "2",
    }
    assert headings(at) == [
        "本镇项目",
        "披露的数字",
        "治理主题：本镇与全区",
        "其他镇有、本镇还没有的主题",
        "各项目在其他镇的相似项目",
    ]
    body = text_of(at)
    assert "[钟楼in家园 社区一家人](projects?project=JS2018-06)" in body
    # The first gap: 为老服务, in 3 projects elsewhere; 石化街道's JS2018-11 (a neighbourhood,
    # excellent, like JS2018-15) first, then 吕巷镇's -13; -19 is left out (2 a gap).
    block = gap_block(body, "为老服务（其他镇 3 个项目）")
    assert "(projects?project=JS2018-11) · 石化街道 · 十大优秀项目 · `JS2018-11`" in block
    assert "(projects?project=JS2018-13) · 吕巷镇 · 十大创新项目 · `JS2018-13`" in block
    assert "JS2018-19" not in block
    # The other 6 gaps are in the one expander.
    (more,) = at.expander
    assert more.label == "全部主题：另外 6 个"
    assert "**网格化管理（其他镇 1 个项目）**" in [m.value for m in more.markdown]
    assert "共同主题：党建引领、居村自治、德治与文化" in body  # JS2018-06 ~ JS2018-04
    table = at.dataframe[0].value
    assert table["数值"].tolist() == ["≥30 名", "58 岁"]
    assert len(at.get("plotly_chart")) == 1


def test_district_level_in_english(app):
    at = app("town", town="区级", lang="en")
    assert not at.exception and not at.error
    assert at.title[0].value == "Town profile"
    shown = metrics_of(at)
    assert shown["Projects"] == "4"
    assert shown["District share"] == "20%"
    assert shown["Top-10 innovation"] == "4 / 10"
    assert shown["Top-10 excellent"] == "0 / 10"
    assert shown["Figures disclosed"] == "13"
    body = text_of(at)
    # The first gap: Party-building, in 11 projects of other towns; links keep lang=en.
    # JS2018-06 is also under Digital channels (-06, -09), so look inside this gap's block
    # only: from its bold heading to the next one.
    block = gap_block(body, "Party-building leadership (11 projects elsewhere)")
    assert "(projects?project=JS2018-17&lang=en) · Fengjing · Top-10 innovation" in block, block
    assert "**Digital channels (2 projects elsewhere)**" in body
    # Tourism's only project (-17) is named under party-building already.
    assert "Its projects are listed above: JS2018-17 (Party-building leadership)" in body
    assert "Shared themes: Volunteering, Environment and rivers" in body  # -01 ~ -18
    # In English the title's two halves (title_en of JS2018-01) are the link and the one line.
    assert "[Small and medium river remediation](projects?project=JS2018-01&lang=en)" in body
    assert "Restoring Jinshan's life by the water" in body


def test_district_level_speaks_of_its_agencies(app):
    """#21: 区级's page said 本镇项目, 治理主题：本镇与全区, 其他镇有、本镇还没有的主题."""
    at = app("town", town="区级")
    assert not at.exception and not at.error
    assert headings(at) == [
        "区级部门项目",
        "披露的数字",
        "治理主题：区级部门与全区",
        "各镇有、区级部门还没有的主题",
        "各项目在其他镇的相似项目",
    ]
    assert "本镇" not in text_of(at)
    # JS2018-02 (团区委's summer day-care) has no close match (test_town_profile).
    assert "其他镇没有足够相近的项目。" in text_of(at)
    en = app("town", town="区级", lang="en")
    assert "The district agencies' projects" in headings(en)
    assert "No close match was found in the other towns." in text_of(en)


def test_without_a_town_the_page_asks_for_one(app):
    at = app("town")
    assert not at.exception
    assert at.selectbox(key="town_pick").value is None
    assert any("请选择一个镇（街道）" in i.value for i in at.info)
    assert not at.metric


def test_the_picker_sets_the_town_filter(app):
    at = app("town", town="朱泾镇")
    at.selectbox(key="town_pick").select("区级").run()
    assert at.session_state["f_town"] == ["区级"]
    assert metrics_of(at)["项目数"] == "4"
    assert "**党建引领（其他镇 11 个项目）**" in text_of(at)


def test_projects_per_edition_with_two_editions(app, tmp_path, monkeypatch):
    """A made-up 2017 edition of projects 01–10 (tests/editions.py) beside 2018: 朱泾镇 has
    JS2018-06 among them, so 1 of 10 in 2017 and 2 of 20 in 2018; the headline counts the
    edition shown (the latest by default)."""
    from editions import bundled_into, chain, derive_edition, drop_theme, keep_projects

    library = tmp_path / "library"
    library.mkdir()
    bundled_into(library)
    edit = chain(keep_projects(list(range(1, 11))), drop_theme("elderly"))
    derive_edition(library / "jinshan-2017", 2017, edit)
    monkeypatch.setenv("BAIHUA_DATA", str(library))
    at = app("town", town="朱泾镇")
    assert not at.exception and not at.error
    assert metrics_of(at)["项目数"] == "2"
    assert headings(at)[-1] == "各期项目数"
    table = at.dataframe[-1].value
    assert table.values.tolist() == [["金山区2017年", 1, 10], ["金山区2018年", 2, 20]]


def test_the_filter_bar_moves_the_picker(app):
    """The filter bar's town (session key f_town) is the page's town: choosing 区级 there, or
    clearing it, moves the picker too."""
    at = app("town", town="朱泾镇")
    at.session_state["f_town"] = ["区级"]
    at.run()
    assert at.selectbox(key="town_pick").value == "区级"
    assert metrics_of(at)["项目数"] == "4"
    at.session_state["f_town"] = []
    at.run()
    assert at.selectbox(key="town_pick").value is None
    assert not at.metric
