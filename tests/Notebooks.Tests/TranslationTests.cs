using System.Text.Json.Nodes;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// The Korean edition (notebooks/ko) against the English (notebooks/en): the same chapters, the same cells in
/// the same order, code cells byte-identical, every markdown cell translated and recording the hash of the
/// English text it translates, so an English cell that changes fails here until its translation is updated.
/// </summary>
public class TranslationTests
{
    private static readonly string Root = Repository.Root(AppContext.BaseDirectory);

    public static TheoryData<string> KoreanChapters() =>
        new(Repository.EditionNotebooks(Root, Translations.Edition).Select(n => Repository.ChapterName(Root, n)));

    [Fact]
    public void Every_English_chapter_has_a_Korean_edition_under_the_same_file_name()
    {
        var english = Repository.EditionNotebooks(Root, Repository.SourceEdition).Select(Path.GetFileName).ToList();
        var korean = Repository.EditionNotebooks(Root, Translations.Edition).Select(Path.GetFileName).ToList();
        Assert.True(english.Count >= 9, $"{english.Count} English chapters");
        Assert.Equal(english, korean);
    }

    [Theory]
    [MemberData(nameof(KoreanChapters))]
    public void The_Korean_chapter_is_in_step_with_the_English(string chapter)
    {
        string name = Path.GetFileName(chapter);
        var english = NotebookFile.Load(Path.Combine(Root, "notebooks", Repository.SourceEdition, name));
        var korean = NotebookFile.Load(Path.Combine(Root, "notebooks", chapter));
        var problems = Translations.CheckChapter(english, korean, chapter);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // Byte-identical code, said once more without the checker: the raw JSON of each code cell's source.
        var en = english.Cells.Where(NotebookFile.IsCode).Select(c => c["source"]!.ToJsonString()).ToList();
        var ko = korean.Cells.Where(NotebookFile.IsCode).Select(c => c["source"]!.ToJsonString()).ToList();
        Assert.Equal(en, ko);
        Assert.Equal(english.Metadata?.ToJsonString(), korean.Metadata?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(KoreanChapters))]
    public void The_Korean_chapter_uses_the_editions_labels(string chapter)
    {
        var korean = NotebookFile.Load(Path.Combine(Root, "notebooks", chapter));
        var english = NotebookFile.Load(Path.Combine(Root, "notebooks", Repository.SourceEdition, Path.GetFileName(chapter)));
        string ko = string.Join("\n", korean.Cells.Where(c => !NotebookFile.IsCode(c)).Select(NotebookFile.Source));
        string en = string.Join("\n", english.Cells.Where(c => !NotebookFile.IsCode(c)).Select(NotebookFile.Source));
        // The English labels become the Korean edition's: as many of each as the English has.
        foreach (var (label, korean_) in new[]
                 {
                     ("**Tip / my thoughts.**", "**Tip & 내 생각.**"), ("**Question.**", "**질문.**"), ("**Answer.**", "**답.**"),
                 })
        {
            int expected = Count(en, label);
            Assert.True(Count(ko, korean_) == expected,
                $"{chapter}: {Count(ko, korean_)} × \"{korean_}\", the English has {expected} × \"{label}\"");
            Assert.True(Count(ko, label) == 0, $"{chapter}: the English label \"{label}\" is left untranslated");
        }
    }

    [Fact]
    public void A_changed_English_cell_is_named_until_its_translation_is_accepted()
    {
        // A two-cell chapter and its translation, in a scratch folder; then the English text changes.
        string folder = Path.Combine(Path.GetTempPath(), $"descent-translation-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string english = "## 1. The update rule\n\nStep against the gradient, scaled by the learning rate.";
            string Write(string file, string markdown, string code, JsonObject? metadata = null)
            {
                var md = new JsonObject { ["cell_type"] = "markdown", ["metadata"] = metadata ?? new JsonObject(), ["source"] = markdown };
                var cell = new JsonObject
                {
                    ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = code,
                };
                var nb = new JsonObject { ["cells"] = new JsonArray(md, cell), ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5 };
                string path = Path.Combine(folder, file);
                File.WriteAllText(path, Translations.Serialize(nb));
                return path;
            }
            var hash = new JsonObject { ["translation"] = new JsonObject { ["source_sha256"] = Translations.Hash(english) } };
            string en = Write("en.ipynb", english, "var x = 1;");
            string ko = Write("ko.ipynb", "## 1. 갱신 규칙\n\n기울기의 반대 방향으로, 학습률만큼 움직인다.", "var x = 1;", hash);
            Assert.Empty(Translations.CheckChapter(NotebookFile.Load(en), NotebookFile.Load(ko), "ko/x.ipynb"));

            Write("en.ipynb", english + " Repeat.", "var x = 2;");
            var problems = Translations.CheckChapter(NotebookFile.Load(en), NotebookFile.Load(ko), "ko/x.ipynb");
            Assert.Equal(2, problems.Count);
            Assert.Equal(0, problems[0].Cell);
            Assert.Contains("the English cell changed since it was translated", problems[0].What);
            Assert.Equal(1, problems[1].Cell);
            Assert.Contains("code differs from the English", problems[1].What);

            // An untranslated copy of the English fails too (it has prose and no Korean).
            Write("ko.ipynb", english + " Repeat.", "var x = 2;",
                new JsonObject { ["translation"] = new JsonObject { ["source_sha256"] = Translations.Hash(english + " Repeat.") } });
            Assert.Contains(Translations.CheckChapter(NotebookFile.Load(en), NotebookFile.Load(ko), "ko/x.ipynb"),
                p => p.What.Contains("has no Korean text"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Hashes_are_of_the_text_with_unix_line_ends()
    {
        Assert.Equal(Translations.Hash("a\nb"), Translations.Hash("a\r\nb"));
        Assert.NotEqual(Translations.Hash("a\nb"), Translations.Hash("a\nb "));
        Assert.Matches("^[0-9a-f]{16}$", Translations.Hash(""));
    }

    private static int Count(string text, string label) =>
        (text.Length - text.Replace(label, "").Length) / label.Length;
}
