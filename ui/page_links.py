"""Links between pages, from the one page list: the address and icon a link shows are the navigation's own."""

from __future__ import annotations

import streamlit as st

from .page_list import page


def page_link(name: str, label: str | None = None) -> None:
    """A link to the page named `name` (its script under pages/), labelled as the navigation names it unless told."""
    spec = page(name)
    st.page_link(spec.path, label=label or spec.title, icon=spec.icon)
