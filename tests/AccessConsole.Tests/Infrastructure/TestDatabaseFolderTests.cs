namespace AccessConsole.Tests.Infrastructure;

public sealed class TestDatabaseFolderTests
{
    [Fact]
    public void Only_the_folders_of_runs_whose_process_has_ended_are_deleted()
    {
        var root = Directory.CreateTempSubdirectory("accessconsole-sweep-").FullName;
        try
        {
            // No process can have this id: Linux caps process ids far below it.
            var ended = Directory.CreateDirectory(Path.Combine(root, int.MaxValue.ToString())).FullName;
            File.WriteAllText(Path.Combine(ended, "left-behind.db"), "copy");
            var running = Directory.CreateDirectory(Path.Combine(root, Environment.ProcessId.ToString())).FullName;
            var notARun = Directory.CreateDirectory(Path.Combine(root, "notes")).FullName;

            TestDatabase.DeleteFoldersOfEndedRuns(root);

            Assert.False(Directory.Exists(ended));
            Assert.True(Directory.Exists(running));
            Assert.True(Directory.Exists(notARun));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
