"""
The rows' format for ``dumpdata``: Django's JSON fixture, except that times keep their
microseconds (Django's encoder keeps milliseconds). ``loaddata`` reads it as plain JSON.
"""

import datetime

from django.core.serializers import json, register_serializer

FORMAT = "backup-json"


class ExactJSONEncoder(json.DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def start_serialization(self):
        super().start_serialization()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = json.Deserializer

register_serializer(FORMAT, __name__)
