"""A respondent's tactic mean when some statements were skipped: the one rule the published tactic cells
(ingest), the tests between rounds and ASM006 (selection_stats.respondent_means) all use.

- A respondent counts for a tactic when they answered at least half of its statements (rounded up:
  3 of 5); fewer answers say too little about the tactic. Their answers still count for each statement.
- Their tactic mean is adjusted for which statements they answered: each skipped statement counts as its
  mean plus the person's average distance from the means of the statements they did answer, kept on the
  1–5 scale (two-way imputation: person and statement effects). A respondent who answered everything keeps
  their plain mean. When people skip a hard statement, the plain mean of the rest
  would rise; the adjusted one does not, so the score stays the full-information score and agrees with the
  statement chart (the mean of the statement means).
- Statement means are over everyone in the file who answered the statement, so every respondent's value
  is fixed once and the published sums over groups stay sums.
- Skipping that differs by statement is named: a statement skipped by at least SKIP_GAP of the respondents
  (and at least SKIP_MIN_PEOPLE people) more than its best-answered statement.
- The notes count only what the published cells of the rounds that were asked the tactic tell already: their
  respondents less those who count for the tactic, their respondents less a statement's answers. Counting those
  who answered some statements but too few (not none), or the people who answered the tactic at all, would tell
  how people skipped, in groups the disclosure layer hides too.
"""

from __future__ import annotations

import math

import numpy as np

MIN_SHARE = 0.5  # a respondent counts for a tactic after answering at least this share of its statements
SKIP_GAP = 0.10  # a statement's skipping "differs" when its answer rate is this far below the best-answered one's
SKIP_MIN_PEOPLE = 5  # ... and at least this many more people skipped it
SCALE_LOW, SCALE_HIGH = 1.0, 5.0  # scores after ingest


def min_answers(statements: int) -> int:
    """Statements a respondent must answer to count for a tactic with this many statements."""
    return max(1, math.ceil(MIN_SHARE * statements))


def item_means(matrix: np.ndarray) -> np.ndarray:
    """Each statement's mean over the respondents who answered it (NaN when nobody did)."""
    answered = ~np.isnan(matrix)
    counts = answered.sum(axis=0)
    sums = np.where(answered, matrix, 0.0).sum(axis=0, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


ROWS_AT_ONCE = 65_536  # respondents adjusted per block: the temporaries of a million-row survey stay a few MB


def adjusted_means(matrix: np.ndarray, means: np.ndarray) -> np.ndarray:
    """Per respondent (rows of a respondents × statements matrix of scores, NaN = skipped): the tactic mean with each
    skipped statement filled with its mean plus the person's mean distance from the statements they answered,
    kept on the scale, given every statement's mean; NaN for a respondent who answered fewer than
    min_answers of the statements anyone answered. Rows are independent, so they are done in blocks."""
    matrix = np.asarray(matrix)  # float32 or float64; each block is computed in float64
    means = np.asarray(means, dtype=np.float64)
    asked = ~np.isnan(means)  # statements nobody answered are not part of the tactic here
    if not asked.any():
        return np.full(len(matrix), np.nan)
    means = means[asked]
    needed = min_answers(len(means))
    result = np.empty(len(matrix))
    for start in range(0, len(matrix), ROWS_AT_ONCE):
        block = matrix[start : start + ROWS_AT_ONCE][:, asked].astype(np.float64)
        answered = ~np.isnan(block)
        count = answered.sum(axis=1)
        out = result[start : start + len(block)]
        out[:] = np.nan
        complete = count == len(means)  # most respondents: their plain mean, nothing to fill
        out[complete] = block[complete].mean(axis=1)
        partial = ~complete & (count >= needed)
        if partial.any():
            block, answered = block[partial], answered[partial]
            distance = np.where(answered, block - means, 0.0).sum(axis=1) / count[partial]
            filled = np.clip(means + distance[:, None], SCALE_LOW, SCALE_HIGH)
            out[partial] = np.where(answered, block, filled).mean(axis=1)
    return result


def missing_answer_notes(tactic: str, items: list[str], matrix: np.ndarray, rounds: np.ndarray) -> list[str]:
    """What the rule did to one tactic, in words: respondents left out of its score, and statements skipped far
    more often than the others (the validation report's warnings). `rounds` (a code per row) limits both to the
    rounds in which someone answered the tactic: a round that was not asked it has nobody to leave out."""
    answered = ~np.isnan(np.asarray(matrix))
    asked = answered.any(axis=0)
    if asked.sum() < 2:  # one statement (the overall statement, an importance question): no score to be left out of
        return []
    count = answered[:, asked].sum(axis=1)
    in_asked_round = np.isin(rounds, np.unique(rounds[count > 0]))
    answered, count = answered[in_asked_round], count[in_asked_round]
    notes = []
    needed = min_answers(int(asked.sum()))
    people = len(count)  # every respondent of those rounds, those who answered none of it too (published)
    left_out = int(np.count_nonzero(count < needed))  # = those rounds' respondents less the tactic's n, both published
    if left_out:
        notes.append(
            f"{tactic}: {left_out} respondent{'s' if left_out != 1 else ''} answered fewer than {needed} of its "
            f"{int(asked.sum())} statements (or none) and {'do' if left_out != 1 else 'does'} not count in its score "
            "(their answers still count for each statement)."
        )
    if not people:
        return notes
    skipped = people - answered.sum(axis=0)  # = respondents less the statement's answers, both published
    fewest = int(skipped[asked].min())
    for item, skips, was_asked in zip(items, skipped, asked, strict=True):
        if was_asked and skips - fewest >= max(SKIP_MIN_PEOPLE, SKIP_GAP * people):
            notes.append(
                f"{tactic}: {item} was skipped by {int(skips)} of the {people} respondents (its best-answered "
                f"statement by {fewest}): skipping differs by statement. {tactic}'s score adjusts each "
                f"person's mean for the statements they answered, so it does not rise when a hard statement is "
                f"skipped; read {item}'s own mean with care, as those who skipped it may see it differently."
            )
    return notes
