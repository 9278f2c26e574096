"""moto's ``mock_aws`` in the same process: the fake answers Glue, moto every other service."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import boto3
import pytest
from support import COMMAND, ROLE, require

from pytest_gluejobs import GlueJobs, NotFakedError, fake_glue_jobs

moto = require("moto", "'moto[glue]' (or 'pytest-gluejobs[test]')")


@contextlib.contextmanager
def moto_then_fake() -> Iterator[GlueJobs]:
    with moto.mock_aws(), fake_glue_jobs() as fake:
        yield fake


@contextlib.contextmanager
def fake_then_moto() -> Iterator[GlueJobs]:
    with fake_glue_jobs() as fake, moto.mock_aws():
        yield fake


BOTH_ORDERS = pytest.mark.parametrize(
    "both_active", [moto_then_fake, fake_then_moto], ids=["moto-first", "fake-first"]
)


@BOTH_ORDERS
def test_the_fake_answers_glue_and_moto_every_other_service(
    both_active: Callable[[], contextlib.AbstractContextManager[GlueJobs]],
) -> None:
    with both_active() as fake:
        s3 = boto3.client("s3", region_name="us-east-1")
        glue = boto3.client("glue", region_name="us-east-1")

        s3.create_bucket(Bucket="scripts")
        s3.put_object(Bucket="scripts", Key="nightly.py", Body=b"print('hello')")
        glue.create_job(Name="nightly", Role=ROLE, Command=COMMAND, Timeout=30)

        assert list(fake.jobs()) == ["nightly"]
        assert glue.get_job(JobName="nightly")["Job"]["Timeout"] == 30
        assert s3.get_object(Bucket="scripts", Key="nightly.py")["Body"].read() == b"print('hello')"


@BOTH_ORDERS
def test_moto_sees_none_of_the_glue_calls_the_fake_answered(
    both_active: Callable[[], contextlib.AbstractContextManager[GlueJobs]],
) -> None:
    with moto.mock_aws():  # keeps moto's state alive after the inner blocks end
        with both_active():
            glue = boto3.client("glue", region_name="us-east-1")
            glue.create_job(Name="faked", Role=ROLE, Command=COMMAND)
            glue.delete_job(JobName="faked")
            glue.create_job(Name="faked-again", Role=ROLE, Command=COMMAND)

        # The fake has stopped: moto answers Glue again, and it never heard of the faked jobs.
        assert glue.list_jobs()["JobNames"] == []
        glue.create_job(Name="moto-job", Role=ROLE, Command=COMMAND)
        assert glue.list_jobs()["JobNames"] == ["moto-job"]


@BOTH_ORDERS
def test_glue_operations_the_fake_does_not_answer_go_to_moto(
    both_active: Callable[[], contextlib.AbstractContextManager[GlueJobs]],
) -> None:
    with both_active() as fake:
        glue = boto3.client("glue", region_name="us-east-1")
        glue.create_database(DatabaseInput={"Name": "sales"})
        glue.create_table(
            DatabaseName="sales",
            TableInput={"Name": "orders", "StorageDescriptor": {"Location": "s3://lake/orders/"}},
        )
        glue.create_job(Name="load-orders", Role=ROLE, Command=COMMAND)

        table = glue.get_table(DatabaseName="sales", Name="orders")["Table"]
        assert table["StorageDescriptor"]["Location"] == "s3://lake/orders/"
        with pytest.raises(glue.exceptions.EntityNotFoundException):
            glue.get_table(DatabaseName="sales", Name="customers")
        # The jobs are still the fake's, and only its calls are in its log.
        assert list(fake.jobs()) == ["load-orders"]
        assert [call.operation for call in fake.calls] == ["CreateJob"]


def test_a_glue_operation_the_fake_does_not_answer_reaches_moto_only_while_moto_is_active() -> None:
    with fake_glue_jobs():
        glue = boto3.client("glue", region_name="us-east-1")
        with moto.mock_aws():
            glue.create_database(DatabaseInput={"Name": "sales"})
        with pytest.raises(NotFakedError, match=r"GetDatabases is not faked.*moto's mock_aws"):
            glue.get_databases()


def test_fixtures_in_either_order_and_moto_imported_late(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import sys

        import boto3
        import pytest

        COMMAND = {"Name": "pythonshell", "ScriptLocation": "s3://b/s.py"}

        @pytest.fixture
        def aws():
            from moto import mock_aws

            with mock_aws():
                yield

        # First: no test before it has imported moto.
        def test_moto_imported_while_a_fake_is_active(glue_jobs):
            assert "moto" not in sys.modules
            boto3.client("glue", region_name="us-east-1").create_job(
                Name="before-moto", Role="r", Command=COMMAND
            )
            from moto import mock_aws

            with mock_aws():
                glue = boto3.client("glue", region_name="us-east-1")
                glue.create_job(Name="faked", Role="r", Command=COMMAND)
                glue_jobs.stop()
                assert glue.list_jobs()["JobNames"] == []

        def test_moto_fixture_first(aws, glue_jobs):
            boto3.client("glue", region_name="us-east-1").create_job(
                Name="faked", Role="r", Command=COMMAND
            )
            assert list(glue_jobs.jobs()) == ["faked"]

        def test_fake_fixture_first(glue_jobs, aws):
            boto3.client("glue", region_name="us-east-1").create_job(
                Name="faked", Role="r", Command=COMMAND
            )
            assert list(glue_jobs.jobs()) == ["faked"]

        def test_moto_only(aws):
            glue = boto3.client("glue", region_name="us-east-1")
            glue.create_job(Name="moto-job", Role="r", Command=COMMAND)
            assert glue.list_jobs()["JobNames"] == ["moto-job"]
        """
    )
    # In file order (no random order): the late-import test must run first.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=4)
