/** End-to-end tests of the runner's composition against a real swarm, registry, Redis and git. */
package se.kth.aspen.it;
