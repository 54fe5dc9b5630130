/**
 * What the readers of Prometheus configuration share: how a snakeyaml-engine node is described and located in an
 * error, Prometheus' duration syntax, and the exception a rejected field raises.
 */
package dev.sluice.pipeline.config;
