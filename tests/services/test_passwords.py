"""The password policy (NIST SP 800-63B): 8 to 128 characters, not a common password, not the own name."""

import pytest

from caseflow.errors import InvalidInput
from caseflow.services.accounts import admin, users
from caseflow.services.accounts.passwords import (
    TOO_COMMON,
    TOO_LONG,
    TOO_PERSONAL,
    TOO_SHORT,
    common_passwords,
    password_problem,
)


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("password", TOO_COMMON),
        ("12345678", TOO_COMMON),
        ("PassWord1", TOO_COMMON),
        ("matkhau123", TOO_COMMON),
        ("short7!", TOO_SHORT),
        ("x" * 129, TOO_LONG),
        ("nguyenvanan-2027", TOO_PERSONAL),
        ("so-hn-tnmt-2027", TOO_PERSONAL),
        ("mặt trời mọc ở đằng đông", None),
        ("correct-horse-9", None),
        ("x" * 128, None),
    ],
)
def test_the_policy(password, problem):
    assert password_problem(password, username="nguyenvanan", unit_code="HN-TNMT") == problem


def test_the_shipped_list_holds_the_common_passwords():
    assert len(common_passwords()) >= 30_000
    assert {"123456789", "qwerty123", "iloveyou", "anhyeuem"} <= common_passwords()


def test_new_users_and_resets_are_held_to_it(world):
    with pytest.raises(InvalidInput) as refused:
        users.create_user(
            "hoa", full_name="Lê Hoa", password="iloveyou", roles=["officer"], unit_code="HN", now=world.now
        )
    assert refused.value.errors["password"] == [TOO_COMMON]
    with pytest.raises(InvalidInput) as refused:
        admin.reset_password(world.users["admin"], world.users["officer"].id, password="officer-2027")
    assert refused.value.errors["password"] == [TOO_PERSONAL]
