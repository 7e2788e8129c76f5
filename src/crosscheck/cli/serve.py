"""The ``crosscheck serve`` command: the JSON API and the web workbench under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from crosscheck.cli.app import STATE, app


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to bind (keep 127.0.0.1 unless behind a proxy)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name the server answers to (repeat it; adds to"
            " CROSSCHECK_ALLOWED_HOSTS, default localhost and 127.0.0.1)",
        ),
    ] = None,
) -> None:
    """Serve the web workbench and the JSON API (/api, docs at /docs) on the store in --db.

    Writes (upload, corrections, merges) need the write token: CROSSCHECK_TOKEN, or one
    generated at first start, kept beside the database with owner-only permissions and
    printed once. Requests naming another host than the allowed ones get 400, so a web
    page elsewhere cannot read the store through a browser (DNS rebinding).
    """
    import uvicorn

    from crosscheck.api import create_app
    from crosscheck.web.present import redact_url

    settings = STATE.settings
    hosts = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    hosts += list(allowed_host or [])
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(host)  # the address it binds to is a name clients may use
    settings = settings.model_copy(update={"allowed_hosts": ",".join(dict.fromkeys(hosts))})
    web = create_app(settings)
    server = web.state.server
    err = typer.echo
    if server.token_created:
        err(f"write token (shown once, kept in {server.token_file}): {server.token}", err=True)
    elif server.token_file is not None:
        err(f"write token: in {server.token_file}", err=True)
    else:
        err("write token: from CROSSCHECK_TOKEN", err=True)
    where = redact_url(STATE.settings.db)
    err(f"serving {where} on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    err(f"answering host names: {settings.allowed_hosts}", err=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)


__all__ = ["serve"]
