namespace Descent.Tests.Notebook;

/// <summary>Captures what a check prints. Tests that swap Console.Out share one collection, so they never run at once.</summary>
internal static class ConsoleCapture
{
    public static string Of(Action action)
    {
        var previous = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(previous);
        }
        return writer.ToString();
    }
}

[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
