"""A small real SMTP server on 127.0.0.1 for tests (no TLS, no login).

It speaks enough of RFC 5321 for :mod:`smtplib`: EHLO/HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT. ``refuse`` maps a recipient to the reply it gets (e.g.
``"550 no such user"``); ``data_reply`` is the reply to the end of DATA
(``"451 try later"`` to make the client retry). Received messages are kept
as parsed :class:`email.message.EmailMessage` with their envelope.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser


@dataclass
class Received:
    """One message the server accepted."""

    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpServer:
    """Start with ``await server.start()``; ``url`` is its ``smtp://`` address."""

    refuse: dict[str, str] = field(default_factory=dict)
    data_reply: str = "250 queued"
    received: list[Received] = field(default_factory=list)
    port: int = 0
    _server: asyncio.base_events.Server | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def start(self) -> SmtpServer:
        self._server = await asyncio.start_server(self._session, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def say(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        say("220 test.invalid ESMTP")
        sender, recipients = "", []
        try:
            while line := (await reader.readline()).decode("utf-8", "replace").rstrip("\r\n"):
                verb = line.split(" ", 1)[0].upper()
                arg = line[len(verb):].strip()
                if verb in ("EHLO", "HELO"):
                    say("250-test.invalid\r\n250-8BITMIME\r\n250 SMTPUTF8")
                elif verb == "MAIL":
                    sender, recipients = arg.split(":", 1)[1].strip().split(" ")[0].strip("<>"), []
                    say("250 ok")
                elif verb == "RCPT":
                    rcpt = arg.split(":", 1)[1].strip().strip("<>")
                    if rcpt in self.refuse:
                        say(self.refuse[rcpt])
                    else:
                        recipients.append(rcpt)
                        say("250 ok")
                elif verb == "DATA":
                    say("354 go ahead")
                    await writer.drain()
                    data = bytearray()
                    while (chunk := await reader.readline()) not in (b".\r\n", b""):
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    if self.data_reply.startswith("250"):
                        msg = BytesParser(policy=policy.default).parsebytes(bytes(data))
                        self.received.append(Received(sender, recipients, msg))  # type: ignore[arg-type]
                    say(self.data_reply)
                elif verb == "QUIT":
                    say("221 bye")
                    await writer.drain()
                    break
                else:  # RSET, NOOP and the rest
                    say("250 ok")
                await writer.drain()
        finally:
            writer.close()
