namespace EvidenceTasks.Core.Rules;

/// <summary>
/// A rule that recomputes a hash recorded in evidence (receipts, manifests, budgets' board snapshot, readbacks) and
/// reports when it does not match. Partner replay runs exactly these rules at every commit, so the gate and the replay
/// can never disagree about what "verifies" means.
/// </summary>
public interface IRecordedHashRule : IGateRule;
