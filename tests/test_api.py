"""claims.open_store: query, conflicts, groups and claims as dataclasses, records and DataFrames."""

from __future__ import annotations

import builtins

import pytest

import claims
from claims.errors import BadFilter, ClaimsError
from tests.support.claimfactory import seedlike_store


@pytest.fixture()
def path(tmp_path):
    db = tmp_path / "claims.db"
    with seedlike_store(db):
        pass
    return db


def test_the_api_is_exported():
    assert {"open_store", "ClaimStore", "GroupResult", "Results", "ClaimFilter"} <= set(claims.__all__)
    for name in claims.__all__:
        assert getattr(claims, name) is not None


def test_query_conflicts_groups_and_claims_return_dataclasses(path):
    with claims.open_store(path) as store:
        found = store.query("claims about casualties")
        assert found and all(isinstance(g, claims.GroupResult) for g in found)
        assert {g.category for g in found} <= {"deaths", "injuries"}
        assert all(g.n_claims == len(g.claims) and all(isinstance(c, claims.Claim) for c in g.claims) for g in found)
        disagree = store.conflicts()
        assert disagree and all(g.status not in ("agree", "compatible", "single") for g in disagree)
        every = store.groups()
        assert {g.group_id for g in disagree} <= {g.group_id for g in every}
        assert sum(len(g.claims) for g in every) == len(store.claims())
        assert {g.category for g in store.groups(category="deaths")} == {"deaths"}
        assert all(c.category == "troops" for c in store.claims(category="troops"))
        assert len(store.documents()) >= 2


def test_filters_and_records(path):
    with claims.open_store(path) as store:
        docs = store.documents()
        first = docs[0]
        only = store.claims(since=first.date, until=first.date)
        assert only and len(only) <= len(store.claims())
        records = store.query("Tote").to_records()
        assert records and {"claim_id", "value", "status", "group_id", "group_label"} <= set(records[0])
        assert len(records) == sum(len(g.claims) for g in store.query("Tote"))
        assert store.documents().to_records()[0]["doc_id"] == first.doc_id
        with pytest.raises(BadFilter, match="not a date"):
            store.conflicts(since="letzte Woche")
        with pytest.raises(BadFilter, match="unknown category 'tote'"):
            store.groups(category="tote")


def test_to_dataframe(path):
    import pandas  # the test extra installs it, as the pandas extra does for users

    with claims.open_store(path) as store:
        frame = store.conflicts().to_dataframe()
        assert isinstance(frame, pandas.DataFrame)
        assert len(frame) == sum(len(g.claims) for g in store.conflicts()) and "status" in frame.columns
        assert frame["value"].tolist() == [c.value for g in store.conflicts() for c in g.claims]


def test_to_dataframe_without_pandas_says_how_to_get_it(path, monkeypatch):
    with claims.open_store(path) as store:
        real_import = builtins.__import__

        def no_pandas(name, *args, **kw):
            if name == "pandas":
                raise ImportError("no pandas here")
            return real_import(name, *args, **kw)

        monkeypatch.setattr(builtins, "__import__", no_pandas)
        with pytest.raises(ClaimsError, match=r"needs pandas.*pip install 'claims\[pandas\]'"):
            store.claims().to_dataframe()


def test_open_store_of_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(ClaimsError, match="does not exist"):
        claims.open_store(tmp_path / "nowhere.db")
