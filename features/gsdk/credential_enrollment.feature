@gsdk
Feature: Credential enrollment
  Users are enrolled on a terminal through the gateway, read back and removed again.
  The terminal writes every change to its event log.

  Background:
    Given the terminal is connected

  Scenario: Enroll a user, read it back and delete it
    Given a new test user named "Ada Lovelace"
    When the test user is enrolled on the terminal
    Then the terminal has the test user named "Ada Lovelace"
    And the terminal's user list includes the test user
    When the test user is deleted from the terminal
    Then the terminal no longer knows the test user
    And the terminal's log shows "user enrolled" then "user deleted" for the test user

  Scenario Outline: Enrolling a user ID that is already taken <how>
    Given the test user "Grace Hopper" is enrolled on the terminal
    When the same user ID is enrolled as "Grace Brewster" <how>
    Then the enrollment is <outcome>
    And the terminal has the test user named "<name>"

    Examples:
      | how               | outcome  | name           |
      | without overwrite | refused  | Grace Hopper   |
      | with overwrite    | accepted | Grace Brewster |
