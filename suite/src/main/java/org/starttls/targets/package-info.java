/**
 * Many targets (DESIGN §10), as standalone pieces the run wires together: the targets file ({@link
 * org.starttls.targets.TargetsFile}), MX resolution of {@code smtp.mx} domains ({@link
 * org.starttls.targets.MxResolver}), the combined and de-duplicated list ({@link org.starttls.targets.TargetPlan}),
 * shards ({@link org.starttls.targets.Shard}), per-IP politeness ({@link org.starttls.targets.PerIpLimiter}) and the
 * run's time bound ({@link org.starttls.targets.RunTimeBound}). Nothing here connects to a target.
 */
package org.starttls.targets;
