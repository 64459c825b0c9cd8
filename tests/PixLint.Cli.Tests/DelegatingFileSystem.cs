using PixLint.Cli;

namespace PixLint.Tests;

/// <summary>
/// The real file system with every member overridable: the test file systems (a file that
/// vanishes, a rename that fails, a full disk...) override only what they break.
/// </summary>
internal abstract class DelegatingFileSystem : IFileSystem
{
    protected IFileSystem Inner { get; } = PhysicalFileSystem.Instance;

    public virtual bool Exists(string path) => Inner.Exists(path);

    public virtual byte[] ReadAllBytes(string path) => Inner.ReadAllBytes(path);

    public virtual Stream OpenRead(string path) => Inner.OpenRead(path);

    public virtual Stream CreateNew(string path) => Inner.CreateNew(path);

    public virtual void Copy(string source, string destination) => Inner.Copy(source, destination);

    public virtual void Move(string source, string destination) => Inner.Move(source, destination);

    public virtual void Delete(string path) => Inner.Delete(path);

    public virtual void CopyPermissions(string source, Stream destination) => Inner.CopyPermissions(source, destination);

    public virtual string ResolveFinalPath(string path) => Inner.ResolveFinalPath(path);

    public virtual bool IsReadOnly(string path) => Inner.IsReadOnly(path);
}
