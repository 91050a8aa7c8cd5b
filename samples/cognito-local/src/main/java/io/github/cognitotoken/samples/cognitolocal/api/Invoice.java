package io.github.cognitotoken.samples.cognitolocal.api;

/**
 * An invoice of the demo billing API.
 *
 * @param id the invoice id
 * @param order the id of the order it bills
 * @param amount the amount, in cents
 * @param status the payment status
 */
public record Invoice(String id, String order, long amount, String status) {

}
