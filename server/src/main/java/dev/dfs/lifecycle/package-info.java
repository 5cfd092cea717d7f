/**
 * Bucket lifecycle rules: the configuration model, the evaluator that says when a rule expires an
 * object, a version or an upload, and the background {@link dev.dfs.lifecycle.LifecycleWorker} that
 * applies them through the store.
 */
package dev.dfs.lifecycle;
