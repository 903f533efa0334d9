namespace Descent.Training;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, MIT licence): 28×28 grey images of 10 kinds of clothing.
/// The course ships a class-balanced subset in <c>data/fashion-mnist/</c> (10,000 training and 2,000 test
/// images; the folder's README says how it was made); <see cref="Train"/> and <see cref="Test"/> read it,
/// found from the current folder (a notebook's) or the library's, whichever lies inside the repository.
/// With <c>folder: FashionMnist.InstalledFolder</c> they read the full 60,000 + 10,000 images of Debian's
/// <c>dataset-fashion-mnist</c> package. Pixels are scaled to [0, 1]; labels are 0–9 (<see cref="ClassNames"/>).
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the full dataset.</summary>
    public const string InstalledFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The shipped subset's folder, relative to the repository root.</summary>
    public const string ShippedFolder = "data/fashion-mnist";

    /// <summary>The images' side in pixels.</summary>
    public const int Side = 28;

    /// <summary>The label of each class, 0 to 9, as the dataset's authors name them.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The training images (the shipped 10,000, or the installed 60,000).</summary>
    /// <param name="downsample">1 keeps 28×28 pixels; 2 averages each 2×2 block into one pixel (14×14, a quarter of
    /// the work for the first layer); valid: a divisor of 28 (1, 2, 4, 7, 14, 28).</param>
    /// <param name="count">The first <paramref name="count"/> images only; null: all of them.</param>
    /// <param name="folder">A folder holding the four IDX files; null: the subset shipped with the course.</param>
    public static Dataset Train(int downsample = 1, int? count = null, string? folder = null) =>
        FromFolder("train", downsample, count, folder);

    /// <summary>The held-out test images (the shipped 2,000, or the installed 10,000); parameters as <see cref="Train"/>.</summary>
    public static Dataset Test(int downsample = 1, int? count = null, string? folder = null) =>
        FromFolder("t10k", downsample, count, folder);

    /// <summary>Whether the full dataset of Debian's package is installed (<see cref="InstalledFolder"/>).</summary>
    public static bool IsInstalled =>
        File.Exists(Path.Combine(InstalledFolder, "train-images-idx3-ubyte.gz"))
        && File.Exists(Path.Combine(InstalledFolder, "train-labels-idx1-ubyte.gz"));

    /// <summary>
    /// The shipped subset's folder: <see cref="ShippedFolder"/> under the first folder, going up from the
    /// current folder and then from the library's, that has it.
    /// </summary>
    public static string FindShippedFolder() =>
        FindShippedFolder([Directory.GetCurrentDirectory(), AppContext.BaseDirectory,
            Path.GetDirectoryName(typeof(FashionMnist).Assembly.Location) ?? ""]);

    internal static string FindShippedFolder(string[] starts)
    {
        foreach (string start in starts.Where(s => s.Length > 0))
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, ShippedFolder);
                if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz"))) return candidate;
            }
        throw new DirectoryNotFoundException(
            $"The Fashion-MNIST subset ({ShippedFolder}/ in the course repository) is not in {string.Join(" or ", starts.Distinct())} " +
            $"or any folder above: run from inside the repository, or pass folder: (e.g. FashionMnist.InstalledFolder " +
            "after `apt-get install dataset-fashion-mnist`).");
    }

    /// <summary>
    /// Reads an images file (IDX, count × rows × cols unsigned bytes) and its labels file (IDX, count bytes,
    /// each 0–9), gzip or raw, into a classification dataset with pixels scaled to [0, 1].
    /// </summary>
    /// <param name="imagesPath">The images file.</param>
    /// <param name="labelsPath">The labels file.</param>
    /// <param name="downsample">1 keeps every pixel; f averages each f×f block; valid: a divisor of the rows and the columns.</param>
    /// <param name="count">The first <paramref name="count"/> images only; null: all of them.</param>
    public static Dataset Load(string imagesPath, string labelsPath, int downsample = 1, int? count = null)
    {
        Idx.RequirePath(imagesPath, nameof(imagesPath));
        Idx.RequirePath(labelsPath, nameof(labelsPath));
        RequireDownsample(downsample, Side, Side);
        if (count is { } c && c < 1)
            throw new ArgumentOutOfRangeException(nameof(count), c,
                $"count = {c} is out of range: the valid range is [1, the number of images], or null for all.");

        var labels = Idx.Read(labelsPath, count);
        if (labels.Dimensions.Count != 1)
            throw new InvalidDataException(
                $"{labelsPath}: {labels.Dimensions.Count} dimensions ({string.Join(" × ", labels.Dimensions)}): a labels file " +
                "has one (the number of labels).");
        var images = Idx.Read(imagesPath, count);
        if (images.Dimensions.Count != 3)
            throw new InvalidDataException(
                $"{imagesPath}: {images.Dimensions.Count} dimension(s) ({string.Join(" × ", images.Dimensions)}): an images " +
                "file has three (count × rows × columns).");
        if (images.DeclaredCount != labels.DeclaredCount)
            throw new InvalidDataException(
                $"{imagesPath} declares {images.DeclaredCount:N0} images but {labelsPath} declares {labels.DeclaredCount:N0} " +
                "labels: valid files have one label per image (are they the same split?).");
        int rows = images.Dimensions[1], cols = images.Dimensions[2];
        if (rows == 0 || cols == 0)
            throw new InvalidDataException($"{imagesPath}: the images are {rows} × {cols} pixels: a valid image has at least one.");
        RequireDownsample(downsample, rows, cols);
        for (int i = 0; i < labels.Count; i++)
            if (labels.Values[i] >= ClassNames.Count)
                throw new InvalidDataException(
                    $"{labelsPath}: label {labels.Values[i]} at index {i} is out of range: valid labels are 0–9, the " +
                    $"{ClassNames.Count} Fashion-MNIST classes.");

        int outRows = rows / downsample, outCols = cols / downsample, features = outRows * outCols;
        long values = (long)images.Count * features;
        if (values > Dataset.MaxValues)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"count = {(count is null ? "null (all)" : count.Value.ToString("N0"))}: {images.Count:N0} images of " +
                $"{outRows}×{outCols} pixels make {values:N0} numbers, more than Dataset.MaxValues ({Dataset.MaxValues:N0}); " +
                $"the valid range is count ≤ {Dataset.MaxValues / features:N0} at this size, or a larger downsample.");

        var x = new double[values];
        double scale = 255.0 * downsample * downsample;   // the mean of f×f bytes, scaled to [0, 1] (one rounding)
        var bytes = images.Values;
        for (int n = 0; n < images.Count; n++)
        {
            int image = n * rows * cols, row = n * features;
            for (int r = 0; r < outRows; r++)
            for (int q = 0; q < outCols; q++)
            {
                int sum = 0;
                for (int dr = 0; dr < downsample; dr++)
                for (int dq = 0; dq < downsample; dq++)
                    sum += bytes[image + (r * downsample + dr) * cols + q * downsample + dq];
                x[row + r * outCols + q] = sum / scale;
            }
        }
        int[] y = Array.ConvertAll(labels.Values, b => (int)b);
        string name = $"Fashion-MNIST {Path.GetFileName(imagesPath)} ({images.Count:N0} images, {outRows}×{outCols})";
        return new Dataset(name, x, features, y, null, ClassNames.Count);
    }

    private static Dataset FromFolder(string split, int downsample, int? count, string? folder)
    {
        RequireDownsample(downsample, Side, Side);
        if (folder is not null)
        {
            if (string.IsNullOrWhiteSpace(folder))
                throw new ArgumentException(
                    $"folder = \"{folder}\" is empty: valid is null (the subset shipped with the course) or a folder holding " +
                    $"{split}-images-idx3-ubyte.gz and {split}-labels-idx1-ubyte.gz (e.g. FashionMnist.InstalledFolder).",
                    nameof(folder));
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException(
                    $"folder = \"{folder}\" does not exist (the current folder is {Directory.GetCurrentDirectory()})" +
                    (folder == InstalledFolder ? ": install it with `apt-get install -y dataset-fashion-mnist`." : "."));
        }
        string dir = folder ?? FindShippedFolder();
        return Load(Locate(dir, $"{split}-images-idx3-ubyte"), Locate(dir, $"{split}-labels-idx1-ubyte"), downsample, count);
    }

    /// <summary>The file as shipped (.gz) or uncompressed (no extension), whichever exists; the .gz name otherwise.</summary>
    private static string Locate(string folder, string name)
    {
        string gz = Path.Combine(folder, name + ".gz"), raw = Path.Combine(folder, name);
        return !File.Exists(gz) && File.Exists(raw) ? raw : gz;
    }

    private static void RequireDownsample(int downsample, int rows, int cols)
    {
        if (downsample < 1 || rows % downsample != 0 || cols % downsample != 0)
        {
            var valid = Enumerable.Range(1, Math.Min(rows, cols)).Where(f => rows % f == 0 && cols % f == 0);
            throw new ArgumentOutOfRangeException(nameof(downsample), downsample,
                $"downsample = {downsample} is out of range: the valid values divide the {rows}×{cols} images evenly: " +
                $"{string.Join(", ", valid)} (1 keeps every pixel).");
        }
    }
}
