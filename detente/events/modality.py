"""Modality of an event from the parse: asserted, planned, intended, hypothetical or negated.

The trigger's own auxiliaries and negation, and the verbs it is the complement of ("wants
to meet", "is due to meet", "indicated he could meet"), decide. An attempt ("sought to
mend") is an act and stays asserted; a wish, readiness or stated possibility is intended;
a fixed future event is planned; a conditional or counterfactual is hypothetical.
"""
from __future__ import annotations

from spacy.tokens import Token

from .patterns import base_forms

INTEND = {"want", "wish", "hope", "intend", "aim", "desire", "ready", "willing", "prepared", "eager", "keen",
          "offer", "propose", "promise", "pledge", "vow", "consider", "mull", "expect",
          "indicate", "signal", "suggest"}
PLAN = {"due", "schedule", "set", "plan", "slate", "arrange", "poise"}
POSSIBLE = {"could", "may", "might", "can"}
FUTURE = {"will", "shall", "'ll"}
CONDITIONAL = {"would"}
REPORTING = {"say", "tell", "announce", "report", "claim", "state", "add", "note", "confirm", "insist"}
# verbs whose "would" in a clause they report is the past of "will"
FUTURE_REPORTING = REPORTING | {"warn", "threaten", "vow", "pledge", "promise", "decide"}


def _aux(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "neither", "nor") and c.dep_ in ("neg", "advmod", "preconj")
               for c in token.children)


def _has_if(token: Token) -> bool:
    """The clause, or one it depends on, is the consequent of an "if"/"unless" condition."""
    for t in [token, *token.ancestors]:
        for c in t.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                return True
        if t.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in t.children if m.dep_ == "mark"):
            return True
    return False


def _reported_future(verb: Token) -> bool:
    """ "would" as the past of "will": the clause is reported by a verb in the past and nothing in it
    or above it makes it conditional ("said it would withdraw", not "said it would withdraw if ...")."""
    if verb.dep_ != "ccomp" or _has_if(verb):
        return False
    head = verb.head
    return head.lemma_.lower() in FUTURE_REPORTING and head.tag_ in ("VBD", "VBN")


def modality_of(trigger: Token) -> str:
    """The modality of the event told by `trigger` (a verb, or a noun for a nominal event)."""
    verb = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        # a nominal event takes the modality of the clause it stands in
        verb = trigger.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if trigger.dep_ in ("nsubj", "nsubjpass") and _aux(verb) & CONDITIONAL:
            return "hypothetical"
        if verb.lemma_ in ("need", "require") or _negated(verb) and trigger.dep_ in ("dobj",):
            return "negated" if _negated(verb) else "intended"
        return _chain(verb) if verb.pos_ in ("VERB", "AUX") else "asserted"
    return _chain(verb)


def _chain(verb: Token) -> str:
    aux = _aux(verb)
    if _negated(verb):
        return "negated"
    if aux & CONDITIONAL and _reported_future(verb):
        return "planned"  # "they said they would boycott": the "will" of the words reported
    if aux & CONDITIONAL:
        return "hypothetical"
    if _has_if(verb) and aux & (CONDITIONAL | POSSIBLE):
        return "hypothetical"
    if aux & POSSIBLE:
        return "intended"
    result = "planned" if aux & FUTURE else "asserted"
    # walk up the chain of verbs this one is the complement of: "wants to meet", "is due to meet"
    node = verb
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "acomp", "advcl", "conj") or node.head.i == node.i:
            break
        dep, head = node.dep_, node.head
        if dep == "conj":
            node = head
            continue
        lemma = _lemma(head)
        if _negated(head) and dep == "xcomp" or dep == "xcomp" and lemma in ("fail", "refuse", "decline"):
            return "negated"  # "did not agree to meet", "failed to reach agreement"
        if dep == "advcl" and any(c.lower_ in ("if", "unless") for c in node.children if c.dep_ == "mark"):
            return "hypothetical"
        if dep == "xcomp" or (dep == "acomp" and lemma == "be"):
            if lemma in PLAN or lemma == "be" and any(c.lemma_ in PLAN for c in head.children if c.dep_ == "acomp"):
                return "planned"
            if lemma in INTEND:
                return "intended"
            if lemma in ("seek", "try", "attempt", "work", "strive", "move", "begin", "start", "continue"):
                node = head
                result = _chain_aux(head, result)
                continue
        if dep == "ccomp" and lemma in ("indicate", "signal", "suggest", "hint") and aux & POSSIBLE:
            return "intended"
        if dep == "ccomp" and lemma in REPORTING:
            break
        if dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            result = _chain_aux(head, result)  # "will meet ... to discuss": the purpose shares the plan
        node = head
    return result


def _lemma(verb: Token) -> str:
    """The verb's lemma, or the base form the lemmatiser missed ("hoped" is not "hop")."""
    lemma = verb.lemma_.lower()
    known = INTEND | PLAN | REPORTING | FUTURE_REPORTING
    if lemma in known:
        return lemma
    return next((f for f in base_forms(verb.lower_, verb.tag_) if f in known), lemma)


def _chain_aux(verb: Token, current: str) -> str:
    aux = _aux(verb)
    if aux & CONDITIONAL:
        return "hypothetical"
    if aux & POSSIBLE:
        return "intended"
    if aux & FUTURE:
        return "planned"
    return current
