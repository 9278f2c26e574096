"""Credentials under a fake: no provider runs a program or reaches the network for a Glue client.

botocore resolves a session's credentials when it creates a client: a profile's
``credential_process`` (an SSO or MFA helper) runs then, and the container and instance-metadata
providers ask their endpoints. A Glue client made while a fake is active takes the session's
credentials as they are if it holds some, and otherwise credentials the session resolves when the
client first signs a request (``CredentialsWhenSigning``), which happens only once no fake answers
it. A session made before the fake holds an instance-metadata provider built while
``AWS_EC2_METADATA_DISABLED`` was unset: while a fake is active it answers nothing, for any client.

Imported only once botocore is (by ``handlers._install``), so loading the plugin imports no botocore.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from botocore.credentials import Credentials, InstanceMetadataProvider
from botocore.exceptions import NoCredentialsError
from botocore.session import Session

# True while a Glue client is made under a fake: no credential provider may run then.
_making_glue_client: ContextVar[bool] = ContextVar("pytest_gluejobs_making_glue_client", default=False)


class CredentialsWhenSigning(Credentials):
    """A Glue client's credentials, resolved by its session only when a request is first signed.

    A fake never signs, so while it answers no provider runs; once the client signs, the
    session resolves them exactly as it would have when the client was made.
    """

    def __init__(self, resolve: Callable[[], Any]) -> None:  # no super(): nothing is known yet
        self._resolve = resolve
        self.method = "pytest-gluejobs-deferred"

    def _resolved(self) -> Credentials:
        credentials = self._resolve()
        if credentials is None:
            raise NoCredentialsError()
        return credentials  # type: ignore[no-any-return]

    access_key = property(lambda self: self._resolved().access_key)
    secret_key = property(lambda self: self._resolved().secret_key)
    token = property(lambda self: self._resolved().token)
    account_id = property(lambda self: self._resolved().account_id)

    def get_frozen_credentials(self) -> Any:
        return self._resolved().get_frozen_credentials()

    def get_deferred_property(self, property_name: str) -> Callable[[], Any]:
        return lambda: getattr(self._resolved(), property_name, None)


def keep_off_the_network(faking: Callable[[], bool], any_active: Callable[[], bool]) -> None:
    """Patch botocore's Session and metadata provider: ``faking()`` says a Glue client made now is
    answered by a fake (or refused), ``any_active()`` that some fake answers."""
    create_client = Session.create_client
    resolve = Session.get_credentials
    from_metadata = InstanceMetadataProvider.load

    def create_client_off_the_network(self: Session, service_name: str, *args: Any, **kwargs: Any) -> Any:
        if service_name != "glue" or not faking():
            return create_client(self, service_name, *args, **kwargs)
        token = _making_glue_client.set(True)
        try:
            return create_client(self, service_name, *args, **kwargs)
        finally:
            _making_glue_client.reset(token)

    def credentials_when_signing(self: Session) -> Any:
        if _making_glue_client.get() and self._credentials is None:  # type: ignore[attr-defined]
            return CredentialsWhenSigning(lambda: resolve(self))
        return resolve(self)

    def metadata_unless_faked(self: InstanceMetadataProvider) -> Any:
        if any_active() or _making_glue_client.get():
            return None
        return from_metadata(self)

    Session.create_client = create_client_off_the_network  # type: ignore[method-assign]
    Session.get_credentials = credentials_when_signing  # type: ignore[method-assign]
    InstanceMetadataProvider.load = metadata_unless_faked  # type: ignore[method-assign]
