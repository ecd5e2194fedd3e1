using AccessConsole.Web.Hosting;

namespace AccessConsole.Web.Gateway;

/// <summary>
/// Wakes whoever waits for access changes (the snapshot refresher, long-polling feeds) the moment this instance
/// commits one. Other instances' changes are seen by polling the audit log.
/// </summary>
public sealed class AccessChangeSignal : WakeSignal;
