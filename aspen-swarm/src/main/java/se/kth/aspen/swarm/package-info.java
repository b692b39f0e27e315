/** Docker Swarm orchestrator (docker-java), Docker Registry v2 client and the cluster directory. */
package se.kth.aspen.swarm;
