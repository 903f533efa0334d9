using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Descent.Runner;

/// <summary>
/// Keeps the Korean edition (notebooks/ko) tied to the English one (notebooks/en), the source of truth for
/// code: the same chapters under the same file names, the same cells in the same order, code cells
/// byte-identical, and each markdown cell carrying in its metadata
/// (<c>"translation": {"source_sha256": "…"}</c>) the hash of the English cell it translates. When an English
/// markdown cell changes, its hash no longer matches and the tests name the cell until the Korean text is
/// updated and the new hash accepted (<c>-- --sync-translations --accept</c>).
/// </summary>
public static partial class Translations
{
    /// <summary>The edition that is translated from English.</summary>
    public const string Edition = "ko";

    /// <summary>The first 16 hex digits of the SHA-256 of a cell's source (UTF-8, "\n" line ends).</summary>
    public static string Hash(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.Replace("\r\n", "\n"))))[..16];

    /// <summary>The English hash a translated markdown cell records (null when it records none).</summary>
    public static string? RecordedHash(JsonObject cell) => (string?)cell["metadata"]?["translation"]?["source_sha256"];

    /// <summary>One thing wrong with the Korean edition, and what to do about it.</summary>
    public sealed record Problem(string Chapter, int? Cell, string What)
    {
        /// <inheritdoc />
        public override string ToString() => Cell is null ? $"{Chapter}: {What}" : $"{Chapter} cell {Cell}: {What}";
    }

    /// <summary>Every problem of the Korean edition against the English (empty: in step).</summary>
    public static IReadOnlyList<Problem> Check(string root)
    {
        var problems = new List<Problem>();
        var english = Repository.EditionNotebooks(root, Repository.SourceEdition).ToDictionary(p => Path.GetFileName(p), p => p);
        var korean = Repository.EditionNotebooks(root, Edition).ToDictionary(p => Path.GetFileName(p), p => p);
        foreach (var name in english.Keys.Except(korean.Keys))
            problems.Add(new($"{Edition}/{name}", null, $"missing: every English chapter has a Korean edition (notebooks/{Edition}/{name})"));
        foreach (var name in korean.Keys.Except(english.Keys))
            problems.Add(new($"{Edition}/{name}", null, $"no English chapter notebooks/{Repository.SourceEdition}/{name} to translate"));
        foreach (var name in english.Keys.Intersect(korean.Keys).Order(StringComparer.Ordinal))
            problems.AddRange(CheckChapter(NotebookFile.Load(english[name]), NotebookFile.Load(korean[name]), $"{Edition}/{name}"));
        return problems;
    }

    /// <summary>A chapter's problems: structure, code cells, stale or missing hashes, untranslated prose.</summary>
    public static IReadOnlyList<Problem> CheckChapter(NotebookFile english, NotebookFile korean, string chapter)
    {
        var problems = new List<Problem>();
        var en = english.Cells;
        var ko = korean.Cells;
        if (en.Count != ko.Count)
        {
            problems.Add(new(chapter, null, $"{ko.Count} cells, the English has {en.Count}: the editions keep the same cells in the same order " +
                "(add or remove the cell in the Korean notebook too)"));
            return problems;
        }
        for (int i = 0; i < en.Count; i++)
        {
            string type = (string?)en[i]["cell_type"] ?? "", koType = (string?)ko[i]["cell_type"] ?? "";
            if (type != koType)
            {
                problems.Add(new(chapter, i, $"is {koType}, the English cell is {type}"));
                continue;
            }
            string source = NotebookFile.Source(en[i]), translated = NotebookFile.Source(ko[i]);
            if (type == "code")
            {
                if (source != translated)
                    problems.Add(new(chapter, i, "code differs from the English (code has one source: run `dotnet run --project " +
                        "lib/Descent.Runner -- --sync-translations`, which copies it)"));
                continue;
            }
            string hash = Hash(source);
            string? recorded = RecordedHash(ko[i]);
            if (recorded != hash)
                problems.Add(new(chapter, i, recorded is null
                    ? "records no English hash (metadata translation.source_sha256)"
                    : $"the English cell changed since it was translated (hash {recorded}, now {hash}): update the Korean text, then " +
                      "accept it with `dotnet run --project lib/Descent.Runner -- --sync-translations --accept`"));
            if (HasProse(source) && !Hangul().IsMatch(translated))
                problems.Add(new(chapter, i, "has no Korean text, though the English cell has prose"));
        }
        return problems;
    }

    /// <summary>Whether markdown has words to translate once math, code, links and tags are taken out.</summary>
    public static bool HasProse(string markdown)
    {
        string text = NotProse().Replace(markdown, " ");
        return LatinWord().Matches(text).Count >= 3;
    }

    /// <summary>
    /// Copies every English code cell into the Korean chapter (code has one source), and with
    /// <paramref name="accept"/> records the current English hash in every markdown cell whose hash is stale
    /// (say so only after updating those cells' Korean text). Writes only the files that change; returns what it did.
    /// </summary>
    public static IReadOnlyList<string> Sync(string root, bool accept)
    {
        var report = new List<string>();
        foreach (var englishPath in Repository.EditionNotebooks(root, Repository.SourceEdition))
        {
            string name = Path.GetFileName(englishPath);
            string koreanPath = Path.Combine(root, "notebooks", Edition, name);
            if (!File.Exists(koreanPath)) continue;
            var english = NotebookFile.Load(englishPath).Cells;
            var document = JsonNode.Parse(File.ReadAllText(koreanPath))!.AsObject();
            var cells = document["cells"]!.AsArray();
            if (cells.Count != english.Count) continue;
            int copied = 0, accepted = 0;
            for (int i = 0; i < cells.Count; i++)
            {
                var cell = cells[i]!.AsObject();
                if ((string?)cell["cell_type"] != (string?)english[i]["cell_type"]) continue;
                string source = NotebookFile.Source(english[i]);
                if (NotebookFile.IsCode(cell))
                {
                    if (NotebookFile.Source(cell) == source) continue;
                    cell["source"] = english[i]["source"]!.DeepClone();
                    copied++;
                }
                else if (accept && RecordedHash(cell) != Hash(source))
                {
                    var metadata = cell["metadata"] as JsonObject ?? new JsonObject();
                    metadata["translation"] = new JsonObject { ["source_sha256"] = Hash(source) };
                    cell["metadata"] = metadata;
                    accepted++;
                }
            }
            if (copied + accepted == 0) continue;
            File.WriteAllText(koreanPath, Serialize(document));
            report.Add($"{Edition}/{name}: {copied} code cell(s) copied from the English, {accepted} translation hash(es) accepted");
        }
        return report;
    }

    /// <summary>JSON as the notebooks are written (one-space indent, characters unescaped, a final newline).</summary>
    public static string Serialize(JsonNode notebook) =>
        notebook.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();

    [GeneratedRegex(@"\$\$.*?\$\$|\$[^$\n]*\$|```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex NotProse();

    [GeneratedRegex(@"\b[A-Za-z]{3,}\b")]
    private static partial Regex LatinWord();
}
