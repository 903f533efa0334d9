using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Descent.Runner;

/// <summary>What one submitted cell produced: nbformat outputs, and the error if it failed.</summary>
public sealed record CellOutcome(JsonArray Outputs, string? Error);

/// <summary>
/// One real <c>dotnet-interactive stdio</c> kernel process, driven the way VS Code drives it: one
/// JSON command envelope per line on stdin, event envelopes back on stdout. Cells are submitted one
/// at a time (the kernel would otherwise run them concurrently) and each waits for its own
/// CommandSucceeded/CommandFailed.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<KernelEvent> events = Channel.CreateUnbounded<KernelEvent>();
    private readonly StringBuilder stderr = new();
    private readonly Task pump;

    private KernelSession(Process process)
    {
        this.process = process;
        pump = Task.Run(PumpAsync);
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
    }

    /// <summary>Starts a kernel whose working directory is <paramref name="workingDirectory"/> (the notebook's folder).</summary>
    /// <param name="repositoryRoot">Where .config/dotnet-tools.json is, so <c>dotnet tool run</c> finds the pinned tool.</param>
    /// <param name="workingDirectory">The kernel's working directory.</param>
    public static KernelSession Start(string repositoryRoot, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory })
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // A kernel keeps compiling new code, and .NET delays moving hot methods to optimized code for as long as
        // it does (tiered compilation's call-counting delay): training cells ran in unoptimized code for their first
        // seconds. Without the delay the nine chapters took 144 s instead of 176 s on the 2-core machine.
        info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start `dotnet tool run dotnet-interactive`");
        return new KernelSession(process);
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                // The first run of the tool prints a welcome banner: anything that is not an envelope is skipped.
                if (!line.StartsWith('{')) continue;
                IKernelEventEnvelope envelope;
                try { envelope = KernelEventEnvelope.Deserialize(line); }
                catch (Exception) { continue; } // an event type this client does not know: not ours to judge
                await events.Writer.WriteAsync(envelope.Event);
            }
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Waits for the kernel's KernelReady event, so that a cell's time-out counts the cell, not the
    /// kernel's start-up. Returns null when ready, or why the kernel did not start.
    /// </summary>
    public async Task<string?> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (await events.Reader.ReadAsync(cts.Token) is KernelReady) return null;
            }
        }
        catch (ChannelClosedException)
        {
            string exit = await ExitCodeAsync(TimeSpan.FromSeconds(10));
            return $"the kernel process exited before it was ready ({exit}).{StderrSuffix()}";
        }
        catch (OperationCanceledException)
        {
            return $"the kernel was not ready within {timeout.TotalSeconds:F0} s.{StderrSuffix()}";
        }
    }

    private string StderrSuffix() => StandardError.Trim() is { Length: > 0 } text ? $" Its stderr:\n{text}" : " It wrote nothing to stderr.";

    /// <summary>What the kernel wrote to stderr so far (for diagnosing a kernel that died).</summary>
    public string StandardError { get { lock (stderr) return stderr.ToString(); } }

    /// <summary>Submits one cell and collects its outputs until the kernel says it succeeded or failed.</summary>
    public async Task<CellOutcome> SubmitAsync(string code, int executionCount, TimeSpan timeout)
    {
        var command = new SubmitCode(code, "csharp");
        string token = command.GetOrCreateToken();
        await process.StandardInput.WriteLineAsync(KernelCommandEnvelope.Serialize(KernelCommandEnvelope.Create(command)));
        await process.StandardInput.FlushAsync();

        var outputs = new OutputCollector(executionCount);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                KernelEvent e;
                try { e = await events.Reader.ReadAsync(cts.Token); }
                catch (ChannelClosedException)
                {
                    // stdout closes a moment before the process is reaped: wait for the real exit code.
                    string exit = await ExitCodeAsync(TimeSpan.FromSeconds(10));
                    return outputs.Fail($"the kernel process exited while running this cell ({exit}).{StderrSuffix()}");
                }
                string eventToken = e.Command?.GetOrCreateToken() ?? "";
                // Our command or one it spawned (tokens "T.1", "T.2", ...); anything else is not ours.
                if (eventToken != token && !eventToken.StartsWith(token + ".", StringComparison.Ordinal)) continue;
                switch (e)
                {
                    case CommandSucceeded when eventToken == token:
                        return outputs.Done();
                    case CommandFailed failed when eventToken == token:
                        return outputs.Fail(failed.Message);
                    case DisplayedValueUpdated updated:
                        outputs.Update(updated.ValueId, updated.FormattedValues);
                        break;
                    case ReturnValueProduced value:
                        outputs.Display(value.ValueId, value.FormattedValues, isResult: true);
                        break;
                    case DisplayedValueProduced value:
                        outputs.Display(value.ValueId, value.FormattedValues, isResult: false);
                        break;
                    case StandardOutputValueProduced text:
                        outputs.Stream("stdout", text.FormattedValues);
                        break;
                    case StandardErrorValueProduced text:
                        outputs.Stream("stderr", text.FormattedValues);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return outputs.Fail($"the cell did not finish within {timeout.TotalSeconds:0.###} s (the cell time-out; the runner's --cell-timeout SECONDS changes it)");
        }
    }

    /// <summary>"exit code N" once the process has exited, or what is known after <paramref name="wait"/>.</summary>
    private async Task<string> ExitCodeAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            return $"its output closed but the process was still running {wait.TotalSeconds:F0} s later, so no exit code";
        }
        return $"exit code {process.ExitCode}";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        await pump.ContinueWith(_ => { });
        process.Dispose();
    }

    /// <summary>Turns kernel events into nbformat outputs.</summary>
    private sealed class OutputCollector(int executionCount)
    {
        private readonly JsonArray outputs = [];
        private readonly Dictionary<string, JsonObject> byValueId = [];

        public void Display(string? valueId, IReadOnlyCollection<FormattedValue> values, bool isResult)
        {
            var data = Data(values);
            if (data.Count == 0) return;
            var output = isResult
                ? new JsonObject { ["output_type"] = "execute_result", ["data"] = data, ["metadata"] = new JsonObject(), ["execution_count"] = executionCount }
                : new JsonObject { ["output_type"] = "display_data", ["data"] = data, ["metadata"] = new JsonObject() };
            outputs.Add(output);
            if (valueId is not null) byValueId[valueId] = output;
        }

        public void Update(string? valueId, IReadOnlyCollection<FormattedValue> values)
        {
            // A live display (progress) replaces its earlier value; the executed notebook keeps the last one.
            if (valueId is not null && byValueId.TryGetValue(valueId, out var output)) output["data"] = Data(values);
            else Display(valueId, values, isResult: false);
        }

        public void Stream(string name, IReadOnlyCollection<FormattedValue> values)
        {
            string text = string.Concat(values.Where(v => v.MimeType == PlainTextFormatter.MimeType).Select(v => v.Value));
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
                last["text"] = (string?)last["text"] + text;
            else
                outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }

        public CellOutcome Done() => new(outputs, null);

        public CellOutcome Fail(string message)
        {
            outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = "Error",
                ["evalue"] = message,
                ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            });
            return new CellOutcome(outputs, message);
        }

        private static JsonObject Data(IReadOnlyCollection<FormattedValue> values)
        {
            var data = new JsonObject();
            foreach (var v in values.Where(v => !v.SuppressDisplay))
                data[v.MimeType] = v.Value;
            return data;
        }
    }
}
