using System.Text;
using Descent.Runner;

namespace Notebooks.Tests;

/// <summary>
/// How the app engine reads the outputs file its app is still writing: every appended line exactly once and
/// whole, however the writes are cut (a line in pieces, a UTF-8 character split between two reads, many lines
/// in one write, writes landing between two reads).
/// </summary>
public class AppendedLinesTests
{
    [Fact]
    public void Every_line_comes_out_once_and_whole_however_the_writes_are_cut()
    {
        string path = Path.Combine(Path.GetTempPath(), $"descent-lines-{Guid.NewGuid():N}.jsonl");
        try
        {
            var tail = new AppendedLines(path);
            Assert.Empty(tail.ReadNew()); // no file yet

            var lines = Enumerable.Range(0, 200).Select(i => $"{{\"cell\":{i},\"text\":\"학습률 η = 0.{i} ✔\"}}").ToList();
            byte[] all = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
            var read = new List<string>();
            var random = new Random(7);
            using (var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                // Writes of 1 to 300 bytes, so they cut lines and multi-byte characters anywhere; a read after each.
                for (int at = 0; at < all.Length;)
                {
                    int n = Math.Min(random.Next(1, 300), all.Length - at);
                    writer.Write(all, at, n);
                    writer.Flush();
                    at += n;
                    read.AddRange(tail.ReadNew());
                }
            }
            read.AddRange(tail.ReadNew());
            Assert.Equal(lines, read);
            Assert.Empty(tail.ReadNew());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Lines_written_by_another_thread_while_reading_are_all_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"descent-lines-{Guid.NewGuid():N}.jsonl");
        try
        {
            var tail = new AppendedLines(path);
            var lines = Enumerable.Range(0, 5000).Select(i => $"line {i} {new string('x', i % 97)}").ToList();
            var writer = Task.Run(() =>
            {
                using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                using var w = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
                foreach (var line in lines) w.WriteLine(line);
            });
            var read = new List<string>();
            while (!writer.IsCompleted) read.AddRange(tail.ReadNew());
            await writer;
            read.AddRange(tail.ReadNew());
            Assert.Equal(lines, read);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
