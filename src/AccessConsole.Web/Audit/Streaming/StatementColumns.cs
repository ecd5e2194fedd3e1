using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace AccessConsole.Web.Audit.Streaming;

/// <summary>
/// A row's column values, read from the statement's native pointer. SQLitePCL's calls take a SafeHandle, which costs
/// two interlocked operations and a GC transition per call; at some fifty calls an event that was a tenth of the CPU
/// time of verifying the log. Valid only while the statement it was made from is neither stepped nor disposed.
/// </summary>
internal readonly unsafe partial struct StatementColumns(sqlite3_stmt statement)
{
    private readonly IntPtr handle = statement.DangerousGetHandle();

    public long Int64(int column) => sqlite3_column_int64(handle, column);

    public int Type(int column) => sqlite3_column_type(handle, column);

    /// <summary>The value's bytes as SQLite holds them (text as its UTF-8); empty for NULL and for an empty value.</summary>
    public ReadOnlySpan<byte> Bytes(int column)
    {
        var value = sqlite3_column_blob(handle, column);
        return value == IntPtr.Zero ? default : new ReadOnlySpan<byte>((void*)value, sqlite3_column_bytes(handle, column));
    }

    [LibraryImport("e_sqlite3"), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)]), SuppressGCTransition]
    private static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport("e_sqlite3"), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)]), SuppressGCTransition]
    private static partial int sqlite3_column_type(IntPtr statement, int column);

    [LibraryImport("e_sqlite3"), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)]), SuppressGCTransition]
    private static partial IntPtr sqlite3_column_blob(IntPtr statement, int column);

    [LibraryImport("e_sqlite3"), UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)]), SuppressGCTransition]
    private static partial int sqlite3_column_bytes(IntPtr statement, int column);
}
