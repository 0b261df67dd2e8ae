"""Just enough of the OLE compound file format (MS-CFB) to look inside legacy Office files.

Sniffing needs two facts without LibreOffice: which streams a container holds (WordDocument,
Workbook, EncryptionInfo…) and whether a Word 97 document is password-protected (``fEncrypted``
in the FIB at the start of the WordDocument stream). Every chain walk is bounded by the sector
count, so a malformed or looping FAT ends the walk instead of hanging it.
"""
from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_DIFAT_SECT = 0xFFFFFFFC
_FAT_SECT = 0xFFFFFFFD


class _Cfb:
    def __init__(self, data: bytes):
        if not data.startswith(MAGIC) or len(data) < 512:
            raise ValueError("not an OLE compound file")
        self.data = data
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError("bad sector size")
        self.size = 1 << shift
        self.n_sectors = max((len(data) - self.size) // self.size, 0)
        self.fat = self._read_fat()
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        self.dir_bytes = b"".join(self._sector(s) for s in self._chain(first_dir))

    def _sector(self, sid: int) -> bytes:
        start = (sid + 1) * self.size
        return self.data[start:start + self.size]

    def _read_fat(self) -> list[int]:
        n_fat, first_difat, n_difat = (struct.unpack_from("<I", self.data, off)[0] for off in (0x2C, 0x44, 0x48))
        sids = [s for s in struct.unpack_from("<109I", self.data, 0x4C) if s < self.n_sectors]
        sid, seen = first_difat, 0
        while sid < self.n_sectors and seen < min(n_difat, self.n_sectors):
            words = struct.unpack(f"<{self.size // 4}I", self._sector(sid))
            sids.extend(s for s in words[:-1] if s < self.n_sectors)
            sid, seen = words[-1], seen + 1
        fat: list[int] = []
        for s in sids[:n_fat]:
            fat.extend(struct.unpack(f"<{self.size // 4}I", self._sector(s)))
        return fat

    def _chain(self, sid: int):
        steps = 0
        while sid < len(self.fat) and sid < self.n_sectors and steps <= self.n_sectors:
            yield sid
            sid = self.fat[sid]
            steps += 1

    def entries(self):
        """(name, type, start sector, size) of every directory entry."""
        for off in range(0, len(self.dir_bytes) - 127, 128):
            raw = self.dir_bytes[off:off + 128]
            name_len = struct.unpack_from("<H", raw, 0x40)[0]
            kind = raw[0x42]
            if kind == 0 or not 2 <= name_len <= 64:
                continue
            name = raw[:name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<II", raw, 0x74)
            yield name, kind, start, size

    def stream_head(self, name: str, n: int) -> bytes | None:
        cutoff = struct.unpack_from("<I", self.data, 0x38)[0]
        for entry, kind, start, size in self.entries():
            if kind == 2 and entry == name:
                if size < cutoff:
                    return None        # mini-stream data: not needed for the streams we look at
                out = bytearray()
                for sid in self._chain(start):
                    out += self._sector(sid)
                    if len(out) >= n:
                        break
                return bytes(out[:min(n, size)])
        return None


def stream_names(data: bytes) -> set[str]:
    """Names of the streams and storages in an OLE file (empty when it cannot be parsed)."""
    try:
        return {name for name, _, _, _ in _Cfb(data).entries()}
    except (ValueError, struct.error, IndexError):
        return set()


def word_encrypted(data: bytes) -> bool:
    """Whether a Word 97-2003 document is password-protected (FIB ``fEncrypted``)."""
    try:
        head = _Cfb(data).stream_head("WordDocument", 16)
    except (ValueError, struct.error, IndexError):
        return False
    if not head or len(head) < 12 or struct.unpack_from("<H", head, 0)[0] != 0xA5EC:
        return False
    flags = struct.unpack_from("<H", head, 0x0A)[0]
    return bool(flags & 0x0100)
