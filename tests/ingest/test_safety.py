"""check_xml_safe: entity declarations are refused before any XML parser expands them."""

from __future__ import annotations

import time

import pytest

from crosscheck.errors import UnsafeInputError
from crosscheck.ingest.safety import check_xml_safe


def billion_laughs(levels: int = 10) -> bytes:
    decls = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        decls.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [' + "".join(decls) + "]>\n"
        f"<rss><channel><title>&lol{levels - 1};</title></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    "data",
    [
        billion_laughs(),
        billion_laughs().decode().encode("utf-16"),
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b'<!doctype x [ <!entity  p "q"> ]><x/>',
        b'<!-- harmless --><![CDATA[ text ]]><!DOCTYPE x [<!ENTITY p "q">]><x/>',
    ],
)
def test_check_xml_safe_refuses_entities(data: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(UnsafeInputError, match="entit"):
        check_xml_safe(data, "evil.rss")
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>ok</title></channel></rss>',
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"/>',
        b"<rss><channel><title>broken & unescaped</title></rss>",
        b"<rss><channel><item><description><![CDATA[An attack uses <!ENTITY x 'y'> lines]]>"
        b"</description></item><!-- <!ENTITY in a comment --></channel></rss>",
    ],
)
def test_check_xml_safe_allows_ordinary_feeds(data: bytes) -> None:
    check_xml_safe(data, "ok.rss")
