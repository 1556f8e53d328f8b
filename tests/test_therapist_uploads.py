"""The therapist's own exercises and their pictures: images only, size-limited, safe names."""

from __future__ import annotations

import io

from app.models import Exercise
from tests.conftest import make_exercise

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


def _form(picture=None, name="pic.png", **extra):
    data = {"title": "Sock aid practice", "category": "adl_practice", "steps": "Sit\nPull",
            "purpose": "Put socks on alone", "specialties": ["geriatrics"], "sets": "1"}
    data.update(extra)
    if picture is not None:
        data["picture"] = (io.BytesIO(picture), name)
    return data


def _post(auth, data, path="/library/new"):
    return auth.post(path, data, content_type="multipart/form-data")


def test_own_exercise_with_a_picture_is_stored_and_served_safely(
        app, auth, client, therapist):
    auth.login(therapist)
    assert _post(auth, _form(PNG)).status_code == 303
    exercise = Exercise.get(Exercise.title == "Sock aid practice")
    assert exercise.owner_id == therapist.id and exercise.specialties == "geriatrics"
    assert exercise.image.startswith("/uploads/") and exercise.image.endswith(".png")
    assert "pic" not in exercise.image  # a random name, not the uploader's
    response = client.get(exercise.image)
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]
    # The picture's own, stricter policy is the only one (the page-wide one is not added).
    assert response.headers.getlist("Content-Security-Policy") == ["default-src 'none'; sandbox"]
    assert response.data == PNG
    response.close()


def test_jpeg_and_webp_are_accepted(auth, client, therapist):
    auth.login(therapist)
    for data, ext in [(JPEG, ".jpg"), (WEBP, ".webp")]:
        assert _post(auth, _form(data, title=f"Ex {ext}")).status_code == 303
        assert Exercise.get(Exercise.title == f"Ex {ext}").image.endswith(ext)


def test_non_images_are_refused_whatever_their_name(auth, client, therapist):
    auth.login(therapist)
    for content, name in [(b"<script>alert(1)</script>", "evil.png"),
                          (b"%PDF-1.4 hello", "doc.jpg"), (b"<svg onload=x>", "x.svg"),
                          (b"", "empty.png")]:
        response = _post(auth, _form(content, name))
        assert response.status_code == 422, name
        text = response.get_data(as_text=True)
        assert "not a picture" in text or "choose a picture" in text.lower()
    assert Exercise.select().count() == 0


def test_oversized_pictures_are_refused(app, auth, client, therapist):
    app.config["UPLOAD_MAX_BYTES"] = 1000
    auth.login(therapist)
    response = _post(auth, _form(PNG + b"\x00" * 1000))
    assert response.status_code == 422
    assert "too large" in response.get_data(as_text=True)
    assert Exercise.select().count() == 0


def test_uploads_route_serves_only_names_it_made(app, auth, client, therapist):
    auth.login(therapist)
    for name in ["../secret_key", "..%2Fsecret_key", "x.html", "abc.png"]:
        assert client.get(f"/uploads/{name}").status_code == 404


def test_uploads_need_a_signed_in_person(app, auth, client, therapist):
    auth.login(therapist)
    _post(auth, _form(PNG))
    image = Exercise.get().image
    auth.logout()
    assert client.get(image).status_code in (302, 401)


def test_copy_of_a_library_item_is_mine_and_remembers_its_original(
        auth, client, therapist):
    original = make_exercise("Putty squeeze")
    auth.login(therapist)
    response = auth.post(f"/library/{original.id}/copy")
    assert response.status_code == 303
    copy = Exercise.get(Exercise.copied_from == original)
    assert copy.owner_id == therapist.id and copy.steps == original.steps
    assert _post(auth, _form(title="Soft putty squeeze"),
                 path=f"/library/{copy.id}/edit").status_code == 303
    assert Exercise.get_by_id(copy.id).title == "Soft putty squeeze"
    assert Exercise.get_by_id(original.id).title == "Putty squeeze"
    # The shared original can't be edited directly.
    assert client.get(f"/library/{original.id}/edit").status_code == 404
