#!/usr/bin/env python3
"""Makes the Fashion-MNIST subset shipped in this folder from Debian's dataset-fashion-mnist package.

    apt-get install -y dataset-fashion-mnist
    python3 data/fashion-mnist/make_subset.py            # writes the four .gz files here and prints their SHA-256

Subset: from each original file, the first TRAIN_PER_CLASS training images of every class and the first
TEST_PER_CLASS test images of every class, kept in their original order (so the subset is balanced and
its order is the original file's order with the surplus of each class left out). The files keep the
original IDX format (magic, big-endian dimensions, unsigned bytes), only the image count changes, and are
gzip-compressed deterministically (level 9, no file name, modification time 0): running this script
again with the same zlib gives the same bytes (made with Debian 12's Python 3.11.2, zlib 1.2.13).
Python's standard library only.
"""
import gzip
import hashlib
import os
import struct
import sys

SOURCE = "/usr/share/datasets/fashion-mnist"
HERE = os.path.dirname(os.path.abspath(__file__))
TRAIN_PER_CLASS = 1000   # 10,000 training images
TEST_PER_CLASS = 200     # 2,000 test images
CLASSES = 10


def read_idx(path, expected_magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    if magic != expected_magic:
        sys.exit(f"{path}: magic {magic:#010x}, expected {expected_magic:#010x}")
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = data[4 + 4 * ndim:]
    item = 1
    for d in dims[1:]:
        item *= d
    if len(body) != dims[0] * item:
        sys.exit(f"{path}: {len(body)} bytes of data, expected {dims[0] * item}")
    return dims, body, item


def write_idx(path, magic, dims, body):
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        # mtime=0 and no file name in the header: the same input gives the same bytes.
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as f:
            f.write(header + body)


def subset(split, per_class):
    images_name = f"{split}-images-idx3-ubyte.gz"
    labels_name = f"{split}-labels-idx1-ubyte.gz"
    (n, rows, cols), images, pixels = read_idx(os.path.join(SOURCE, images_name), 0x00000803)
    (n_labels,), labels, _ = read_idx(os.path.join(SOURCE, labels_name), 0x00000801)
    if n != n_labels:
        sys.exit(f"{split}: {n} images but {n_labels} labels")
    taken = [0] * CLASSES
    keep = []
    for i, label in enumerate(labels):
        if taken[label] < per_class:
            taken[label] += 1
            keep.append(i)
    if taken != [per_class] * CLASSES:
        sys.exit(f"{split}: only {taken} images per class")
    write_idx(os.path.join(HERE, images_name), 0x00000803, (len(keep), rows, cols),
              b"".join(images[i * pixels:(i + 1) * pixels] for i in keep))
    write_idx(os.path.join(HERE, labels_name), 0x00000801, (len(keep),), bytes(labels[i] for i in keep))
    print(f"{split}: {len(keep)} of {n} images ({per_class} per class), last original index {keep[-1]}")
    return [images_name, labels_name]


def main():
    names = subset("train", TRAIN_PER_CLASS) + subset("t10k", TEST_PER_CLASS)
    for name in names:
        with open(os.path.join(HERE, name), "rb") as f:
            content = f.read()
        print(f"{hashlib.sha256(content).hexdigest()}  {name}  ({len(content):,} bytes)")


if __name__ == "__main__":
    main()
