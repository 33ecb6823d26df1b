/**
 * Implementation pieces shared by several maas packages. Not exported from the module: nothing here is API.
 */
package io.maas.internal;
