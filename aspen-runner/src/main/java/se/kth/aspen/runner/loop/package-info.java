/**
 * The sync loop: a pass over every app after another, never two at once, and a pass over the apps
 * a pushed image concerns started at once beside it (a bounded number); started and stopped from
 * the API, woken at once by a trigger, surviving anything a pass throws, and ending within a
 * bound on shutdown.
 */
package se.kth.aspen.runner.loop;
