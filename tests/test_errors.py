"""The error tree: one root, structured validation errors, typed misuse errors."""

from __future__ import annotations

import pytest

from wamsg import InvalidTransition, SignatureError, UnknownProvider, ValidationError, WamsgError


def test_every_wamsg_error_shares_one_root() -> None:
    for error_type in (ValidationError, SignatureError, InvalidTransition, UnknownProvider):
        assert issubclass(error_type, WamsgError)


def test_validation_error_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"customer\.phone"):
        raise ValidationError("too short", field="customer.phone", value="123")


def test_validation_error_carries_field_value_and_reason() -> None:
    error = ValidationError("too short", field="customer.phone", value="123")
    assert (error.field, error.value, error.reason) == ("customer.phone", "123", "too short")
    assert str(error) == "customer.phone: too short (got '123')"


def test_validation_error_without_value_names_only_field_and_reason() -> None:
    assert str(ValidationError("is required", field="customer")) == "customer: is required"


def test_validation_error_masks_a_secret_value() -> None:
    error = ValidationError("wrong length", field="app_secret", value="s3cr3t", secret=True)
    assert error.value == "***"
    assert "s3cr3t" not in str(error)


def test_validation_error_shortens_a_long_value_in_its_message() -> None:
    error = ValidationError("bad", field="body", value="x" * 500)
    assert error.value == "x" * 500
    assert len(str(error)) < 120
    assert str(error).endswith("…)")


def test_validation_error_survives_an_int_too_large_to_print() -> None:
    error = ValidationError("too large", field="content.latitude", value=10**5000)
    assert "int too large to show" in str(error)


def test_within_prefixes_a_dotted_field_path() -> None:
    error = ValidationError("bad", field="phone", value="x").within("customer")
    assert (error.field, error.value, error.reason) == ("customer.phone", "x", "bad")


def test_within_joins_an_index_path_without_a_dot() -> None:
    assert ValidationError("bad", field="[2].code").within("errors").field == "errors[2].code"


def test_within_fills_an_empty_field_with_the_prefix() -> None:
    assert ValidationError("bad", field="").within("customer").field == "customer"


def test_within_does_not_prefix_twice() -> None:
    error = ValidationError("bad", field="customer.phone")
    assert error.within("customer") is error
    assert ValidationError("bad", field="customer").within("customer").field == "customer"


def test_within_keeps_the_cause() -> None:
    cause = KeyError("phone")
    error = ValidationError("bad", field="phone")
    error.__cause__ = cause
    assert error.within("customer").__cause__ is cause


def test_invalid_transition_names_state_and_event() -> None:
    error = InvalidTransition("APPROVED", "submit", "already approved")
    assert (error.state, error.event) == ("APPROVED", "submit")
    assert str(error) == "cannot apply 'submit' in state 'APPROVED': already approved"


def test_invalid_transition_without_reason() -> None:
    assert str(InvalidTransition("PAUSED", "send")) == "cannot apply 'send' in state 'PAUSED'"


def test_unknown_provider_lists_the_known_ones_sorted() -> None:
    error = UnknownProvider("telegram", ["twilio", "meta"])
    assert error.known == ("meta", "twilio")
    assert str(error) == "unknown provider 'telegram'; known providers: meta, twilio"
    assert isinstance(error, LookupError)


def test_unknown_provider_says_none_when_nothing_is_registered() -> None:
    assert str(UnknownProvider("meta", [])).endswith("known providers: none")


def test_validation_error_renders_a_value_nested_beyond_the_recursion_limit() -> None:
    deep: list[object] = []
    node = deep
    for _ in range(100_000):
        child: list[object] = []
        node.append(child)
        node = child
    error = ValidationError("too deep", field="body", value=deep)
    assert str(error) == "body: too deep (got [[[[...]]]])"
    assert repr(error)
