@findface
Feature: FindFace Multi face login and session renewal
  Where the face alone logs in (face, face_or_password: tag face_alone), a video of the user's
  face sent to /auth/video-auth/ gives a working token, and /auth/video-auth-renew/ extends the
  session by showing the face again, without a new token. Wherever a face login is offered (tag
  face_login: also face_and_password) a video without a known face gets no token. In the lab
  the face is a video of the API user (findface.face_video); without it these do not apply.

  @face_alone
  Scenario: A face video logs the API user in
    When the API user shows their face from a new device
    Then the login succeeds with a token, the user and an expiry date
    When the API user asks who they are with the new device's token
    Then the server answers 200 with the same user

  @face_login
  Scenario: A video without a known face gets no token
    When a video without a known face is sent from a new device
    Then the login is refused

  @face_alone
  Scenario: Showing the face again renews the session
    Given the API user has logged in by face from a new device
    When the API user renews the new device's session with their face
    Then the renewal answers 200 with the same user and an expiry date no earlier than before
    And the answer holds no token
    And the new device's token still works
