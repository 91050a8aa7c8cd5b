package io.github.cognitotoken.samples.cognitolocal.api;

/**
 * An order of the demo API.
 *
 * @param id the order id
 * @param item what was ordered
 * @param quantity how many
 * @param status the order status
 */
public record Order(String id, String item, int quantity, String status) {

}
