/**
 * Service metrics.
 */
package io.maas.metrics.service;
