using System.Buffers.Binary;
using System.IO.Compression;

namespace Descent.Training;

/// <summary>
/// The contents of one IDX file (the format of MNIST and Fashion-MNIST): its dimensions, the first one
/// counting the items (images or labels), and the unsigned bytes, row-major.
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(string path, int[] dimensions, int declaredCount, byte[] values)
    {
        Path = path;
        Dimensions = dimensions;
        DeclaredCount = declaredCount;
        Values = values;
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The dimensions as read, e.g. [1000, 28, 28] (the first one is <see cref="Count"/>, the items read).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>How many items the file's header declares (more than <see cref="Count"/> when only the first ones were read).</summary>
    public int DeclaredCount { get; }

    /// <summary>How many items (images, labels) were read: the first dimension.</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item: the product of the other dimensions (784 for a 28×28 image, 1 for a label).</summary>
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>Every value, item after item.</summary>
    public byte[] Values { get; }
}

/// <summary>
/// Reads IDX files: a 4-byte magic (two zero bytes, the type code, the number of dimensions), one
/// big-endian 32-bit size per dimension, then the values. Only type 0x08 (unsigned byte), the type of
/// (Fashion-)MNIST's images and labels, is read. A file is gzip-compressed or raw, whatever its name (the
/// first two bytes tell). Every defect (truncated, corrupt, wrong magic, wrong type) is an
/// <see cref="InvalidDataException"/> whose message names the file and what is wrong.
/// </summary>
public static class Idx
{
    /// <summary>The one type code read: unsigned byte.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>The most bytes one file may hold (2³¹ − 1 less the array overhead: a .NET array's limit).</summary>
    public const int MaxBytes = 0x7FFFFFC7;

    /// <summary>Reads the file at <paramref name="path"/>, or only its first <paramref name="count"/> items.</summary>
    /// <param name="path">An IDX file, gzip-compressed or not.</param>
    /// <param name="count">How many items to read from the start; null reads all (and checks that nothing follows).</param>
    public static IdxArray Read(string path, int? count = null)
    {
        RequirePath(path, nameof(path));
        if (count is { } c && c < 1)
            throw new ArgumentOutOfRangeException(nameof(count), c,
                $"count = {c} is out of range: the valid range is [1, the file's item count], or null for all.");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{path}: no such file (the current folder is {Directory.GetCurrentDirectory()}).", path);
        using var file = File.OpenRead(path);
        using var stream = OpenMaybeGzip(file);
        try
        {
            return Read(stream, path, count);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream's own message does not say which file.
            throw new InvalidDataException($"{path}: the gzip data is corrupt ({e.Message}).", e);
        }
    }

    private static Stream OpenMaybeGzip(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        int n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && head[0] == 0x1F && head[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
    }

    private static IdxArray Read(Stream stream, string path, int? count)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw new InvalidDataException(
                $"{path}: the file ends after {got} byte(s), inside the 4-byte IDX header: it is empty or truncated.");
        uint word = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException(
                $"{path}: not an IDX file: it starts with 0x{word:X8}, but an IDX file starts with two zero bytes, the type " +
                "code and the number of dimensions (0x00000803 for images, 0x00000801 for labels).");
        if (magic[2] != UnsignedByte)
            throw new InvalidDataException(
                $"{path}: the IDX type code is 0x{magic[2]:X2} ({TypeName(magic[2])}), but this reader reads unsigned bytes " +
                "(0x08), the type of (Fashion-)MNIST images and labels.");
        int rank = magic[3];
        if (rank == 0)
            throw new InvalidDataException($"{path}: the IDX header declares 0 dimensions: a valid file has at least one.");

        Span<byte> sizes = stackalloc byte[4 * rank];
        got = stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false);
        if (got < sizes.Length)
            throw new InvalidDataException(
                $"{path}: the file ends inside the IDX header ({rank} dimension sizes of 4 bytes each, {got} byte(s) present): " +
                "it is truncated.");
        var dims = new int[rank];
        long itemSize = 1;
        for (int d = 0; d < rank; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * d)..]);
            if (size > MaxBytes)
                throw new InvalidDataException($"{path}: dimension {d} is {size:N0}: more than this reader's limit of {MaxBytes:N0}.");
            dims[d] = (int)size;
            if (d > 0) itemSize = Math.Min(itemSize * size, (long)MaxBytes + 1);
        }
        string shape = string.Join(" × ", dims.Select(v => v.ToString("N0")));
        int declared = dims[0];
        int items = declared;
        if (count is { } c)
        {
            if (c > declared)
                throw new ArgumentOutOfRangeException(nameof(count), c,
                    $"count = {c:N0} is out of range: {path} holds {declared:N0} items ({shape}); the valid range is " +
                    $"[1, {declared:N0}], or null for all.");
            items = c;
        }
        long total = items * itemSize;
        if (total > MaxBytes)
            throw new InvalidDataException(
                $"{path}: {items:N0} items of {itemSize:N0} bytes ({shape}) make more than {MaxBytes:N0} bytes, this reader's limit.");

        var values = new byte[total];
        got = stream.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
        if (got < values.Length)
            throw new InvalidDataException(
                $"{path}: the header declares {shape} = {(long)declared * itemSize:N0} bytes of data, but the file ends after " +
                $"{got:N0} of them: it is truncated.");
        if (count is null && stream.ReadByte() >= 0)
            throw new InvalidDataException(
                $"{path}: more data follows the {total:N0} bytes its header declares ({shape}): the header or the file is wrong.");
        dims[0] = items;
        return new IdxArray(path, dims, declared, values);
    }

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "32-bit float",
        0x0E => "64-bit float",
        _ => "not an IDX type",
    };

    /// <summary>A path that is not null, empty or only white space.</summary>
    internal static void RequirePath(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path, name);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException(
                $"{name} = \"{path}\" is empty: a valid path names a file (absolute, or relative to {Directory.GetCurrentDirectory()}).",
                name);
    }
}
