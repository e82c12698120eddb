namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>Where the build put the other executables of the solution, in the configuration of this test run.</summary>
public static class BuildOutput
{
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SiloAssembly =>
        Path.Combine(RepositoryRoot, "Silo", "bin", TestOutput.Parent!.Name, TestOutput.Name, "Orbitalyntra.Silo.dll");

    private static string FindRoot()
    {
        for (var directory = TestOutput; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orbitalyntra.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orbitalyntra.sln above {TestOutput.FullName}.");
    }
}
