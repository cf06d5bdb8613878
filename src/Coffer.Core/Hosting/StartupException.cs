namespace Coffer.Core.Hosting;

/// <summary>The start cannot go on; <see cref="Exception.Message"/> is the one-line reason shown to the operator.</summary>
public sealed class StartupException(string message) : Exception(message);
