using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Descent.Training;

namespace Descent.Tests.Training;

/// <summary>Runs where Debian's dataset-fashion-mnist is installed; required (fails instead) when CI is set.</summary>
public sealed class InstalledFashionMnistFactAttribute : FactAttribute
{
    public InstalledFashionMnistFactAttribute()
    {
        string? ci = Environment.GetEnvironmentVariable("CI");
        bool required = ci is { Length: > 0 } && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);
        if (!FashionMnist.IsInstalled && !required)
            Skip = $"Fashion-MNIST is not installed in {FashionMnist.InstalledFolder}: `apt-get install -y dataset-fashion-mnist` " +
                   "(.ci/run does this; with CI set this test is required).";
    }
}

/// <summary>The IDX reader on tiny hand-made files (good, truncated, corrupt), and the shipped subset.</summary>
public sealed class FashionMnistTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("descent-idx-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // ---- hand-made files -------------------------------------------------------------------------------

    /// <summary>An IDX file: magic 0x0000 type rank, big-endian sizes, then the bytes; gzip-compressed or raw.</summary>
    private string Write(string name, byte type, int[] dims, byte[] data, bool gzip = false, byte[]? magic = null)
    {
        var bytes = new List<byte>(magic ?? [0, 0, type, (byte)dims.Length]);
        foreach (int d in dims)
        {
            var size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, d);
            bytes.AddRange(size);
        }
        bytes.AddRange(data);
        string path = Path.Combine(dir, name);
        if (!gzip) File.WriteAllBytes(path, bytes.ToArray());
        else
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Optimal);
            z.Write(bytes.ToArray());
        }
        return path;
    }

    private static byte[] Pixels(int count, int side) =>
        Enumerable.Range(0, count * side * side).Select(i => (byte)(i * 37 % 256)).ToArray();

    private (string Images, string Labels) Pair(int count = 3, int side = 4, bool gzip = false, byte[]? labels = null) =>
        (Write($"img{count}{gzip}", Idx.UnsignedByte, [count, side, side], Pixels(count, side), gzip),
         Write($"lab{count}{gzip}", Idx.UnsignedByte, [count], labels ?? Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), gzip));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_hand_made_file_reads_back_scaled_to_the_unit_interval(bool gzip)
    {
        var (images, labels) = Pair(gzip: gzip, labels: [7, 0, 9]);
        var data = FashionMnist.Load(images, labels);
        byte[] pixels = Pixels(3, 4);
        Assert.Equal(3, data.Count);
        Assert.Equal(16, data.Features);
        Assert.Equal(10, data.Classes);
        Assert.Equal([7, 0, 9], data.Labels!);
        Assert.Equal(pixels.Select(b => b / 255.0), data.X);
        var idx = Idx.Read(images);
        Assert.Equal([3, 4, 4], idx.Dimensions);
        Assert.Equal(16, idx.ItemSize);
        Assert.Equal(pixels, idx.Values);
    }

    [Fact]
    public void Downsampling_averages_blocks()
    {
        var (images, labels) = Pair(count: 2, side: 4);
        byte[] p = Pixels(2, 4);
        var data = FashionMnist.Load(images, labels, downsample: 2);
        Assert.Equal(4, data.Features);
        // Image 1, block (row 1, column 0): pixels (2,0), (2,1), (3,0), (3,1) of that image.
        int o = 16;
        double expected = (p[o + 8] + p[o + 9] + p[o + 12] + p[o + 13]) / 4.0 / 255.0;
        Assert.Equal(expected, data.X[4 + 2], 15);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnist.Load(images, labels, downsample: 3));
        Assert.Equal("downsample", e.ParamName);
        Assert.Contains("1, 2, 4", e.Message);
    }

    [Fact]
    public void Count_reads_only_the_first_images()
    {
        var (images, labels) = Pair(count: 5, gzip: true);
        var data = FashionMnist.Load(images, labels, count: 2);
        Assert.Equal(2, data.Count);
        Assert.Equal(Pixels(5, 4).Take(32).Select(b => b / 255.0), data.X);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnist.Load(images, labels, count: 6));
        Assert.Contains("holds 5 items", e.Message);
    }

    private static void Fails(Action read, string path, string what)
    {
        var e = Assert.Throws<InvalidDataException>(read);
        Assert.Contains(path, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Truncated_files_are_named_and_explained()
    {
        string empty = Write("empty", 0, [], [], magic: []);
        Fails(() => Idx.Read(empty), empty, "ends after 0 byte(s), inside the 4-byte IDX header");
        string inHeader = Write("half-header", 0, [], [0, 0, 8, 3, 0, 0, 0, 2], magic: []);
        Fails(() => Idx.Read(inHeader), inHeader, "ends inside the IDX header");
        string shortData = Write("short", Idx.UnsignedByte, [3, 4, 4], Pixels(3, 4)[..40]);
        Fails(() => Idx.Read(shortData), shortData, "declares 3 × 4 × 4 = 48 bytes of data, but the file ends after 40");
        // A gzip file cut in half: the decompressor either stops early or complains; both name the file.
        var (gz, _) = Pair(count: 50, side: 8, gzip: true);
        byte[] whole = File.ReadAllBytes(gz);
        string cut = Path.Combine(dir, "cut.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(cut));
        Assert.Contains(cut, e.Message);
    }

    [Fact]
    public void Corrupt_files_are_named_and_explained()
    {
        string magic = Write("magic", 0, [2], [1, 2], magic: [0x12, 0x34, 0x08, 0x01]);
        Fails(() => Idx.Read(magic), magic, "not an IDX file: it starts with 0x12340801");
        string floats = Write("floats", 0x0D, [2], new byte[8]);
        Fails(() => Idx.Read(floats), floats, "type code is 0x0D (32-bit float)");
        string longer = Write("longer", Idx.UnsignedByte, [2], [1, 2, 3]);
        Fails(() => Idx.Read(longer), longer, "more data follows");
        string noDims = Write("rank0", Idx.UnsignedByte, [], []);
        Fails(() => Idx.Read(noDims), noDims, "0 dimensions");
        // Compressed bytes overwritten in the middle: the gzip check (or the length) fails, naming the file.
        var (gz, _) = Pair(count: 50, side: 8, gzip: true);
        byte[] bytes = File.ReadAllBytes(gz);
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 16; i++) bytes[i] ^= 0x5A;
        string bad = Path.Combine(dir, "flipped.gz");
        File.WriteAllBytes(bad, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(bad));
        Assert.Contains(bad, e.Message);
    }

    [Fact]
    public void Images_and_labels_that_do_not_fit_are_refused_by_file_name()
    {
        var (images, _) = Pair(count: 3);
        string fewer = Write("fewer", Idx.UnsignedByte, [2], [1, 2]);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(images, fewer));
        Assert.Contains($"{images} declares 3 images but {fewer} declares 2 labels", e.Message);

        string ten = Write("ten", Idx.UnsignedByte, [3], [1, 10, 2]);
        Fails(() => FashionMnist.Load(images, ten), ten, "label 10 at index 1 is out of range: valid labels are 0–9");

        string flat = Write("flat", Idx.UnsignedByte, [3, 16], Pixels(3, 4));
        string labels = Write("labels", Idx.UnsignedByte, [3], [0, 1, 2]);
        Fails(() => FashionMnist.Load(flat, labels), flat, "an images file has three (count × rows × columns)");
        Fails(() => FashionMnist.Load(labels, flat), flat, "a labels file has one");
    }

    [Fact]
    public void Too_many_numbers_for_a_dataset_are_refused_with_the_count_that_fits()
    {
        // 12,800 blank 28×28 images: 10,035,200 numbers, just over Dataset.MaxValues (gzip makes the file tiny).
        string images = Write("big.gz", Idx.UnsignedByte, [12_800, 28, 28], new byte[12_800 * 784], gzip: true);
        string labels = Write("big-labels.gz", Idx.UnsignedByte, [12_800], new byte[12_800], gzip: true);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnist.Load(images, labels));
        Assert.Equal("count", e.ParamName);
        Assert.Contains($"count ≤ {10_000_000 / 784:N0}", e.Message);
        Assert.Equal(12_800, FashionMnist.Load(images, labels, downsample: 2).Count);
    }

    [Fact]
    public void Paths_that_name_nothing_are_refused()
    {
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => Idx.Read(" ")).ParamName);
        string missing = Path.Combine(dir, "nope.gz");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => Idx.Read(missing)).Message);
        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Train(folder: Path.Combine(dir, "none")));
        Assert.Contains("none", e.Message);
        var lost = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.FindShippedFolder([dir]));
        Assert.Contains(dir, lost.Message);
        Assert.Contains("pass folder:", lost.Message);
    }

    // ---- the shipped subset ----------------------------------------------------------------------------

    private static string Shipped => FashionMnist.FindShippedFolder();

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Shipped, "..", ".."));

    [Fact]
    public void The_subset_is_found_from_the_notebooks_folder()
    {
        string fromNotebooks = FashionMnist.FindShippedFolder([Path.Combine(RepositoryRoot, "notebooks")]);
        Assert.Equal(Path.GetFullPath(Shipped), Path.GetFullPath(fromNotebooks));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "Tutorial.sln")));
    }

    [Fact]
    public void The_shipped_files_match_the_hashes_their_readme_publishes()
    {
        string readme = File.ReadAllText(Path.Combine(Shipped, "README.md"));
        var rows = Regex.Matches(readme, @"^\| `([^`]+\.gz)` \|[^|]*\| ([\d,]+) \| `([0-9a-f]{64})` \|$", RegexOptions.Multiline);
        Assert.Equal(4, rows.Count);
        long total = 0;
        foreach (Match row in rows)
        {
            byte[] content = File.ReadAllBytes(Path.Combine(Shipped, row.Groups[1].Value));
            Assert.Equal(row.Groups[3].Value, Convert.ToHexStringLower(SHA256.HashData(content)));
            Assert.Equal(long.Parse(row.Groups[2].Value.Replace(",", "")), content.Length);
            total += content.Length;
        }
        Assert.True(total <= 10_000_000, $"{total:N0} bytes shipped: the budget is 10 MB");
        Assert.True(File.Exists(Path.Combine(Shipped, "LICENSE")));
        Assert.Contains("Zalando", File.ReadAllText(Path.Combine(Shipped, "LICENSE")));
    }

    /// <summary>The first label and image of a file, read with a few lines of BinaryReader (no library code).</summary>
    private static (int Count, byte FirstLabel, byte[] FirstImage) ReadByHand(string split)
    {
        using var labels = new BinaryReader(new GZipStream(File.OpenRead(Path.Combine(Shipped, $"{split}-labels-idx1-ubyte.gz")), CompressionMode.Decompress));
        Assert.Equal(0x00000801, BinaryPrimitives.ReverseEndianness(labels.ReadInt32()));
        int count = BinaryPrimitives.ReverseEndianness(labels.ReadInt32());
        byte first = labels.ReadByte();
        using var images = new BinaryReader(new GZipStream(File.OpenRead(Path.Combine(Shipped, $"{split}-images-idx3-ubyte.gz")), CompressionMode.Decompress));
        Assert.Equal(0x00000803, BinaryPrimitives.ReverseEndianness(images.ReadInt32()));
        Assert.Equal(count, BinaryPrimitives.ReverseEndianness(images.ReadInt32()));
        Assert.Equal(28, BinaryPrimitives.ReverseEndianness(images.ReadInt32()));
        Assert.Equal(28, BinaryPrimitives.ReverseEndianness(images.ReadInt32()));
        return (count, first, images.ReadBytes(784));
    }

    [Theory]
    [InlineData("train", 10_000)]
    [InlineData("t10k", 2_000)]
    public void The_shipped_subset_is_balanced_and_scaled(string split, int expectedCount)
    {
        var data = split == "train" ? FashionMnist.Train() : FashionMnist.Test();
        var (count, firstLabel, firstImage) = ReadByHand(split);
        Assert.Equal(expectedCount, count);
        Assert.Equal(count, data.Count);
        Assert.Equal(784, data.Features);
        Assert.Equal(10, data.Classes);
        Assert.Equal(firstLabel, data.Labels![0]);
        Assert.Equal(firstImage.Select(b => b / 255.0), data.X.Take(784));
        // Balanced: every class has count / 10 images.
        Assert.All(data.Labels.CountBy(l => l), kv => Assert.Equal(count / 10, kv.Value));
        Assert.Equal(10, data.Labels.Distinct().Count());
        Assert.All(data.X, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(0.0, data.X.Min());
        Assert.Equal(1.0, data.X.Max());   // some pixel is 255 (full white)

        var small = split == "train" ? FashionMnist.Train(downsample: 2, count: 5) : FashionMnist.Test(downsample: 2, count: 5);
        Assert.Equal(196, small.Features);
        Assert.Equal(5, small.Count);
        // Pixel (row 3, column 5) of the 14×14 image 0 averages rows 6–7, columns 10–11 of the original.
        double block = (firstImage[6 * 28 + 10] + firstImage[6 * 28 + 11] + firstImage[7 * 28 + 10] + firstImage[7 * 28 + 11]) / 4.0 / 255.0;
        Assert.Equal(block, small.X[3 * 14 + 5], 15);
    }

    [InstalledFashionMnistFact]
    public void The_shipped_subset_is_the_first_images_of_each_class_of_the_installed_dataset()
    {
        foreach (var (split, perClass, needed) in new[] { ("train", 1000, 10_648), ("t10k", 200, 2_088) })
        {
            var full = split == "train"
                ? FashionMnist.Train(count: needed, folder: FashionMnist.InstalledFolder)
                : FashionMnist.Test(count: needed, folder: FashionMnist.InstalledFolder);
            var shipped = split == "train" ? FashionMnist.Train() : FashionMnist.Test();
            var taken = new int[10];
            var keep = Enumerable.Range(0, full.Count).Where(i => taken[full.Labels![i]]++ < perClass).ToArray();
            Assert.Equal(shipped.Count, keep.Length);
            Assert.Equal(keep.Select(i => full.Labels![i]), shipped.Labels!);
            for (int k = 0; k < keep.Length; k++)
                Assert.True(full.Row(keep[k]).SequenceEqual(shipped.Row(k)), $"{split}: image {k} is not original image {keep[k]}");
        }
    }
}
