"""Reading and writing the files of a command: bounded reads, and writes that leave either the
complete new file or nothing (a temporary name in the same folder, renamed into place)."""
from __future__ import annotations

import errno
import io
import os
import secrets
import stat
import zipfile
from pathlib import Path
from types import TracebackType
from typing import Any, Optional, Union

import numpy as np

from . import _lib
from .errors import Error

CHUNK = 1 << 20


def read_model(path: Union[str, Path], limit: Optional[int] = None) -> bytes:
    """The bytes of a model file, refused past limit bytes (default: the most the runtime
    accepts) without reading further: a device or a pipe (/dev/zero) is read in chunks."""
    limit = _lib.max_size() if limit is None else limit
    data = bytearray()
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                raise Error(f"model {path} is {st.st_size} bytes, more than the {limit} the "
                            "runtime accepts")
            while len(data) <= limit:
                chunk = f.read(min(CHUNK, limit + 1 - len(data)))
                if not chunk:
                    break
                data += chunk
    except OSError as e:
        raise Error(f"cannot read model {path}: {e.strerror or e}") from None
    if len(data) > limit:
        raise Error(f"model {path} is more than the {limit} bytes the runtime accepts")
    return bytes(data)


def load_npy(path: Union[str, Path], what: str) -> np.ndarray:
    """The array of a .npy file for what (an "input 0"), mapped rather than read: its shape
    and type are checked before any data is touched, whatever size its header claims."""
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError, EOFError) as e:
        raise Error(f"cannot read {what} from {path}: {e}") from None
    if not isinstance(array, np.ndarray):  # an .npz archive
        array.close()
        raise Error(f"cannot read {what} from {path}: not a .npy file")
    return array


def load_npz(path: Union[str, Path], wanted: list[tuple[np.dtype, tuple[int, ...]]]
             ) -> list[np.ndarray]:
    """The arrays arr_0, arr_1, ... of an .npz archive (what np.savez(*arrays) and `ztflm run
    --output` write), one per entry of wanted (dtype, shape); each member's header is checked
    against it before its data is read, so no claimed size is ever allocated."""
    arrays = []
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            extra = sorted(names - {f"arr_{i}.npy" for i in range(len(wanted))})
            if extra:
                raise Error(f"{path}: {extra[0]} is not one of arr_0..arr_{len(wanted) - 1}, "
                            f"the model's {len(wanted)} inputs")
            for i, (dtype, shape) in enumerate(wanted):
                if f"arr_{i}.npy" not in names:
                    raise Error(f"{path}: no arr_{i} for input {i}")
                with z.open(f"arr_{i}.npy") as f:
                    arrays.append(_npz_member(f, i, dtype, shape, path))
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as e:
        raise Error(f"cannot read the inputs from {path}: {e}") from None
    return arrays


def _npz_member(f: Any, i: int, dtype: np.dtype, shape: tuple[int, ...],
                path: Union[str, Path]) -> np.ndarray:
    version = np.lib.format.read_magic(f)
    header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
              else np.lib.format.read_array_header_2_0)
    got_shape, fortran, got_dtype = header(f)
    if got_dtype != dtype or tuple(got_shape) != shape:
        raise Error(f"{path}: arr_{i} is {got_dtype.name}{list(got_shape)}, input {i} wants "
                    f"{dtype.name}{list(shape)}")
    count = int(np.prod(shape, dtype=np.int64))
    data = f.read(count * dtype.itemsize)
    if len(data) != count * dtype.itemsize:
        raise Error(f"{path}: arr_{i} is shorter than its header says")
    array = np.frombuffer(data, dtype).reshape(shape[::-1] if fortran else shape)
    return array.T if fortran else array


def _temporary(final: Path) -> tuple[Path, int]:
    """A new file beside final (O_EXCL, so nothing else's), with the umask's permissions."""
    for _ in range(8):
        tmp = final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {final}")


class Output:
    """The files one command writes. write() puts each under a temporary name in its folder;
    leaving the with-block normally renames them all into place (a rename replaces a symlink
    rather than writing through it); an exception removes them and every folder mkdir()
    created, so a failed command leaves nothing behind."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._created: list[Path] = []

    def __enter__(self) -> Output:
        return self

    def __exit__(self, kind: Optional[type[BaseException]], value: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        if kind is None:
            self._commit()
        else:
            self._abort()

    def mkdir(self, folder: Path) -> None:
        missing = []
        for p in (folder, *folder.parents):
            if p.exists():
                break
            missing.append(p)
        try:
            for p in reversed(missing):
                p.mkdir()
                self._created.append(p)
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        except OSError as e:
            raise Error(f"cannot create folder {folder}: {e.strerror or e}") from None

    def write(self, path: Path, data: Union[bytes, str]) -> None:
        payload = data.encode() if isinstance(data, str) else data
        try:
            tmp, fd = _temporary(path)
        except OSError as e:
            raise Error(f"cannot write {path}: {e.strerror or e}") from None
        self._pending.append((tmp, path))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
        except OSError as e:
            raise Error(f"cannot write {path}: {e.strerror or e}") from None

    def _commit(self) -> None:
        try:
            for tmp, final in self._pending:
                os.replace(tmp, final)
        except OSError as e:
            self._abort()
            raise Error(f"cannot write {final}: {e.strerror or e}") from None
        self._pending = []

    def _abort(self) -> None:
        for tmp, _ in self._pending:
            try:
                tmp.unlink()
            except OSError:
                pass
        for folder in reversed(self._created):
            try:
                folder.rmdir()
            except OSError:
                pass
        self._pending, self._created = [], []


def npz_bytes(arrays: list[np.ndarray]) -> bytes:
    """arrays as an .npz archive (arr_0, arr_1, ...), in memory."""
    buf = io.BytesIO()
    np.savez(buf, *arrays)
    return buf.getvalue()
